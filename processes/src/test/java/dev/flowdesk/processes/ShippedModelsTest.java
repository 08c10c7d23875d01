package dev.flowdesk.processes;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped model follows the Flowdesk BPMN conventions, so it opens in Camunda Modeler and passes the deploy
 * linter: diagram interchange for every element, readable ids, names, history time-to-live, delegates only as bean
 * expressions, outside calls asynchronous with a retry cycle, a ticket status on every wait state.
 */
class ShippedModelsTest {

    static final Pattern READABLE_ID = Pattern.compile("(StartEvent|EndEvent|Event|Task|Gateway|Timer|Message|"
            + "CallActivity|SubProcess|Flow)_[A-Z][A-Za-z0-9]+");
    /**
     * Delegates that call outside the process's transaction. Not {@code ${notify}}: it only writes the mail outbox in
     * the step's own transaction (the outbox sender delivers after commit, with its own retries), so it may run
     * synchronously, as the approval request does before the vote opens.
     */
    static final Set<String> BEANS_LEAVING_THE_PROCESS = Set.of("${publishKnownError}", "${resolveLinkedIncidents}");

    static BpmnModelInstance read(String name) {
        InputStream in = ShippedModelsTest.class.getClassLoader().getResourceAsStream("processes/" + name);
        assertThat(in).as(name).isNotNull();
        BpmnModelInstance model = Bpmn.readModelFromStream(in);
        Bpmn.validateModel(model);
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"incident.bpmn", "service-request.bpmn", "change.bpmn", "problem.bpmn", "approval.bpmn",
            "child-ticket.bpmn"})
    void followsTheConventions(String name) {
        BpmnModelInstance model = read(name);
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        assertThat(processes).singleElement().satisfies(p -> {
            assertThat(p.isExecutable()).isTrue();
            assertThat(p.getCamundaHistoryTimeToLiveString()).isNotBlank();
            assertThat(p.getName()).isNotBlank();
        });

        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            assertThat(element.getId()).as("id in " + name).matches(READABLE_ID);
            if (element instanceof FlowNode node) {
                assertThat(node.getName()).as("name of " + node.getId()).isNotBlank();
                assertThat(shapes).as("shape of " + node.getId()).contains(node.getId());
            }
            if (element instanceof SequenceFlow flow) {
                assertThat(edges).as("edge of " + flow.getId()).contains(flow.getId());
            }
        }

        assertThat(model.getModelElementsByType(ScriptTask.class)).as("script tasks").isEmpty();
        for (ModelElementInstance element : model.getModelElementsByType(BaseElement.class)) {
            assertThat(element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "class"))
                    .as("camunda:class on " + ((BaseElement) element).getId()).isNull();
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.getCamundaDelegateExpression()).as("delegate of " + task.getId()).matches("\\$\\{[a-zA-Z]+}");
            assertThat(task.getCamundaExpression()).isNull();
            if (BEANS_LEAVING_THE_PROCESS.contains(task.getCamundaDelegateExpression())) {
                assertThat(task.isCamundaAsyncBefore()).as("asyncBefore on " + task.getId()).isTrue();
                assertThat(task.getExtensionElements().getElementsQuery()
                        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle.class)
                        .singleResult().getTextContent()).as("retry cycle on " + task.getId()).matches("R\\d+/PT?\\d+[SMHD]");
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaFormKey()).as("form of " + task.getId()).startsWith("formio:");
            assertThat(task.getCamundaCandidateGroups()).as("candidates of " + task.getId()).isNotBlank();
            if (!task.getId().equals("Task_Approve")) {
                assertThat(status(task)).as("ticketStatus of " + task.getId()).isNotBlank();
            }
        }
        for (ReceiveTask task : model.getModelElementsByType(ReceiveTask.class)) {
            assertThat(status(task)).as("ticketStatus of " + task.getId()).isNotBlank();
            assertThat(property(task, "slaClock")).as("waiting pauses the SLA clock").isEqualTo("paused");
        }
        for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
            assertThat(status(call)).as("ticketStatus of " + call.getId()).isNotBlank();
        }
    }

    static String status(BaseElement element) {
        return property(element, "ticketStatus");
    }

    static String property(BaseElement element, String name) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(
                        org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> name.equals(p.getCamundaName())).map(CamundaProperty::getCamundaValue)
                .findFirst().orElse(null);
    }
}
