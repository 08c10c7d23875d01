package dev.flowdesk.workflow;

import dev.flowdesk.workflow.RecommendedLintRules.Severity;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Escalation;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageFlow;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.RootElement;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.Signal;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * bpmnlint's {@code global} rule (a warning in {@code recommended}): errors, escalations, messages and signals declared
 * at the top of the file have a name that is not blank and unique per type, and something refers to them.
 */
final class RecommendedGlobalRules {

    interface Reporter {
        void report(String rule, Severity severity, String elementId, String message);
    }

    private RecommendedGlobalRules() {
    }

    static void check(BpmnModelInstance model, Reporter reporter) {
        List<RootElement> globals = model.getDefinitions().getRootElements().stream()
                .filter(e -> e instanceof Error || e instanceof Escalation || e instanceof Message || e instanceof Signal)
                .toList();
        if (globals.isEmpty()) {
            return;
        }
        Set<String> referenced = new HashSet<>();
        referenced(model, ErrorEventDefinition.class, ErrorEventDefinition::getError, referenced);
        referenced(model, EscalationEventDefinition.class, EscalationEventDefinition::getEscalation, referenced);
        referenced(model, MessageEventDefinition.class, MessageEventDefinition::getMessage, referenced);
        referenced(model, SignalEventDefinition.class, SignalEventDefinition::getSignal, referenced);
        referenced(model, MessageFlow.class, MessageFlow::getMessage, referenced);
        referenced(model, ReceiveTask.class, ReceiveTask::getMessage, referenced);
        referenced(model, SendTask.class, SendTask::getMessage, referenced);
        for (RootElement global : globals) {
            String name = global.getAttributeValue("name");
            // bpmnlint reports a name that is there but blank; a missing name counts as given (it is, in Camunda
            // Modeler, the element's id).
            if (name != null && name.isBlank()) {
                reporter.report("global", Severity.WARNING, global.getId(), "Element is missing name");
            }
            if (!referenced.contains(global.getId())) {
                reporter.report("global", Severity.WARNING, global.getId(), "Element is unused");
            }
            if (globals.stream().filter(g -> g.getClass() == global.getClass()
                    && Objects.equals(g.getAttributeValue("name"), name)).count() > 1) {
                reporter.report("global", Severity.WARNING, global.getId(), "Element name is not unique");
            }
        }
    }

    private static <T extends BaseElement> void referenced(BpmnModelInstance model, Class<T> type,
            Function<T, ? extends BaseElement> reference, Set<String> ids) {
        Stream<T> elements = model.getModelElementsByType(type).stream();
        elements.map(reference).filter(Objects::nonNull).forEach(r -> ids.add(r.getId()));
    }
}
