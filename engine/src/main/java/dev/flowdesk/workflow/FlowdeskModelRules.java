package dev.flowdesk.workflow;

import dev.flowdesk.conversation.UserActions;
import dev.flowdesk.workflow.RecommendedLintRules.Finding;
import dev.flowdesk.workflow.RecommendedLintRules.Severity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server side of two rules of the modeler's bpmnlint plugin ({@code modeler-ui/lint/bpmnlint-plugin-flowdesk}),
 * with the same names and severities: {@code flowdesk/candidate-groups} (a user task is offered to someone: an
 * error) and {@code flowdesk/ticket-status} (a wait state, or a sub-process around it, says which status the ticket
 * shows: a warning). {@code flowdesk/user-action} (server only, an error): a {@code userAction} property names a
 * known action and sits on a message event or receive task. The plugin's other rules ({@code no-scripts}, {@code form-key}, {@code name-required}) are
 * {@link DeploymentLinter}'s own checks, which also need the engine's beans, forms and groups.
 */
final class FlowdeskModelRules {

    private FlowdeskModelRules() {
    }

    static List<Finding> check(BpmnModelInstance model) {
        List<Finding> findings = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            boolean offered = Stream.of(task.getCamundaCandidateGroups(), task.getCamundaCandidateUsers(),
                    task.getCamundaAssignee()).anyMatch(v -> v != null && !v.isBlank());
            if (!offered) {
                findings.add(new Finding("flowdesk/candidate-groups", Severity.ERROR, task.getId(),
                        "User task has no candidate groups (camunda:candidateGroups) nor assignee"));
            }
        }
        List<FlowNode> waitStates = new ArrayList<>(model.getModelElementsByType(UserTask.class));
        waitStates.addAll(model.getModelElementsByType(ReceiveTask.class));
        waitStates.addAll(model.getModelElementsByType(CallActivity.class));
        waitStates.addAll(model.getModelElementsByType(IntermediateCatchEvent.class));
        for (FlowNode waitState : waitStates) {
            if (!hasTicketStatus(waitState)) {
                findings.add(new Finding("flowdesk/ticket-status", Severity.WARNING, waitState.getId(),
                        "Wait state without ticketStatus (extension property): the ticket keeps the status of the "
                                + "previous step"));
            }
        }
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            String action = UserActions.declared(element);
            if (action == null) {
                continue;
            }
            if (!UserActions.KNOWN.contains(action.strip())) {
                findings.add(new Finding("flowdesk/user-action", Severity.ERROR, element.getId(),
                        "userAction '" + action + "' is unknown; use one of " + String.join(", ",
                                UserActions.KNOWN.stream().sorted().toList())));
            } else if (!waitsForMessage(element)) {
                findings.add(new Finding("flowdesk/user-action", Severity.ERROR, element.getId(),
                        "userAction belongs on a message event or a receive task: the action delivers its message"));
            }
        }
        return findings;
    }

    private static boolean waitsForMessage(BaseElement element) {
        if (element instanceof ReceiveTask task) {
            return task.getMessage() != null;
        }
        return element instanceof CatchEvent event && event.getEventDefinitions().stream()
                .anyMatch(MessageEventDefinition.class::isInstance);
    }

    /** On the element or on a sub-process around it, as the engine's TicketStatusParseListener reads it per scope. */
    private static boolean hasTicketStatus(FlowNode node) {
        for (ModelElementInstance scope = node; scope != null && !(scope instanceof Process);
                scope = scope.getParentElement()) {
            if (scope instanceof BaseElement element && element.getExtensionElements() != null) {
                boolean declared = element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class)
                        .list().stream().flatMap(p -> p.getCamundaProperties().stream())
                        .filter(p -> TicketStatusParseListener.TICKET_STATUS.equals(p.getCamundaName()))
                        .map(CamundaProperty::getCamundaValue).anyMatch(v -> v != null && !v.isBlank());
                if (declared) {
                    return true;
                }
            }
        }
        return false;
    }
}
