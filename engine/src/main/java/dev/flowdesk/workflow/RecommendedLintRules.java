package dev.flowdesk.workflow;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.CompensateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ComplexGateway;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * bpmnlint's {@code recommended} rule set (bpmnlint 11.15, the version the modeler lints with) on the Camunda model
 * API, so a model posted straight to the deploy endpoint meets the checks the designer saw while drawing. Each rule
 * carries bpmnlint's name, severity and message; {@link #check} is a pure function of the model ({@code global} lives
 * in {@link RecommendedGlobalRules}). Not checked here: the diagram rules {@code no-bpmndi} and
 * {@code no-overlapping-elements} (the engine runs a model without a diagram, and models posted by scripts often have
 * none) and {@code ad-hoc-sub-process} (Camunda 7 neither reads nor runs ad-hoc sub-processes). docs/modeling.md
 * lists the mapping.
 */
final class RecommendedLintRules {

    enum Severity { ERROR, WARNING }

    /** One report: the bpmnlint rule, its severity in {@code bpmnlint:recommended}, the element and the message. */
    record Finding(String rule, Severity severity, String elementId, String message) {
        /** bpmnlint's message with the rule name, so a designer can look the rule up. */
        String text() {
            return message + " (bpmnlint: " + rule + ")";
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    /**
     * Flows by source and by target, from their sourceRef and targetRef: what the engine reads. Camunda's
     * {@code FlowNode.getIncoming()} reads the optional {@code <incoming>} children, which a hand-written model may
     * leave out.
     */
    private final Map<String, List<SequenceFlow>> outgoingBySource = new HashMap<>();
    private final Map<String, List<SequenceFlow>> incomingByTarget = new HashMap<>();

    private RecommendedLintRules() {
    }

    static List<Finding> check(BpmnModelInstance model) {
        RecommendedLintRules rules = new RecommendedLintRules();
        rules.run(model);
        return List.copyOf(rules.findings);
    }

    private void run(BpmnModelInstance model) {
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (flow.getSource() != null) {
                outgoingBySource.computeIfAbsent(flow.getSource().getId(), id -> new ArrayList<>()).add(flow);
            }
            if (flow.getTarget() != null) {
                incomingByTarget.computeIfAbsent(flow.getTarget().getId(), id -> new ArrayList<>()).add(flow);
            }
        }
        List<BaseElement> containers = new ArrayList<>(model.getModelElementsByType(Process.class));
        containers.addAll(model.getModelElementsByType(SubProcess.class));
        for (BaseElement container : containers) {
            checkContainer(container);
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            checkNode(node);
        }
        checkSequenceFlows(model.getModelElementsByType(SequenceFlow.class));
        for (Participant participant : model.getModelElementsByType(Participant.class)) {
            requireLabel(participant.getId(), participant.getName());
        }
        for (Lane lane : model.getModelElementsByType(Lane.class)) {
            requireLabel(lane.getId(), lane.getName());
        }
        RecommendedGlobalRules.check(model, this::report);
    }

    private void report(String rule, Severity severity, String elementId, String message) {
        findings.add(new Finding(rule, severity, elementId, message));
    }

    private void checkContainer(BaseElement container) {
        String type = container instanceof SubProcess ? "Sub process" : "Process";
        Collection<FlowElement> elements = container.getChildElementsByType(FlowElement.class);
        List<StartEvent> starts = elements.stream().filter(StartEvent.class::isInstance).map(StartEvent.class::cast).toList();
        if (starts.isEmpty()) {
            report("start-event-required", Severity.ERROR, container.getId(), type + " is missing start event");
        }
        if (elements.stream().noneMatch(EndEvent.class::isInstance)) {
            report("end-event-required", Severity.ERROR, container.getId(), type + " is missing end event");
        }
        if (starts.stream().filter(s -> definitions(s).isEmpty()).count() > 1) {
            report("single-blank-start-event", Severity.ERROR, container.getId(), type + " has multiple blank start events");
        }
        if (container instanceof SubProcess sub) {
            for (StartEvent start : starts) {
                if (sub.triggeredByEvent() && definitions(start).isEmpty()) {
                    report("event-sub-process-typed-start-event", Severity.ERROR, start.getId(),
                            "Start event is missing event definition");
                } else if (!sub.triggeredByEvent() && !definitions(start).isEmpty()) {
                    report("sub-process-blank-start-event", Severity.ERROR, start.getId(), "Start event must be blank");
                }
            }
        }
        checkLinks(elements);
        checkTermination(elements);
    }

    private void checkNode(FlowNode node) {
        Collection<SequenceFlow> incoming = incoming(node);
        Collection<SequenceFlow> outgoing = outgoing(node);
        boolean activityOrEvent = node instanceof Activity || node instanceof Event;
        if (node instanceof Gateway) {
            if (incoming.size() > 1 && outgoing.size() > 1) {
                report("no-gateway-join-fork", Severity.ERROR, node.getId(), "Gateway forks and joins");
            }
            if (incoming.size() == 1 && outgoing.size() == 1) {
                report("superfluous-gateway", Severity.WARNING, node.getId(),
                        "Gateway is superfluous. It only has one source and target.");
            }
        }
        if (node instanceof EventBasedGateway) {
            if (outgoing.size() < 2) {
                report("event-based-gateway", Severity.ERROR, node.getId(),
                        "An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>");
            }
            outgoing.stream().filter(f -> f.getConditionExpression() != null).forEach(f -> report("event-based-gateway",
                    Severity.ERROR, f.getId(), "A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional"));
        }
        if (node instanceof ComplexGateway) {
            report("no-complex-gateway", Severity.ERROR, node.getId(), "Element type <bpmn:ComplexGateway> is discouraged");
        }
        if (node instanceof InclusiveGateway) {
            report("no-inclusive-gateway", Severity.WARNING, node.getId(), "Element type <bpmn:InclusiveGateway> is discouraged");
        }
        if (activityOrEvent && incoming.size() > 1) {
            report("fake-join", Severity.WARNING, node.getId(), "Incoming flows do not join");
        }
        if (activityOrEvent && outgoing.stream().filter(f -> !conditional(f) && !isDefault(node, f)).count() > 1) {
            report("no-implicit-split", Severity.ERROR, node.getId(), "Flow splits implicitly");
        }
        if (node.getAttributeValue("default") != null || outgoing.stream().anyMatch(RecommendedLintRules::conditional)) {
            outgoing.stream().filter(f -> !conditional(f) && !isDefault(node, f)).forEach(f -> report("conditional-flows",
                    Severity.ERROR, f.getId(), "Sequence flow is missing condition"));
        }
        if (node instanceof Event && definitions(node).size() > 1) {
            report("single-event-definition", Severity.ERROR, node.getId(), "Event has multiple event definitions");
        }
        boolean eventSubProcess = node instanceof SubProcess sub && sub.triggeredByEvent();
        boolean compensation = isForCompensation(node) || isCompensationBoundary(node);
        if ((node instanceof Task || node instanceof Gateway || node instanceof SubProcess || node instanceof Event)
                && !eventSubProcess && !compensation && incoming.isEmpty() && outgoing.isEmpty()) {
            report("no-disconnected", Severity.ERROR, node.getId(), "Element is not connected");
        }
        if (incoming.isEmpty() && !eventSubProcess && !isForCompensation(node) && !(node instanceof StartEvent)
                && !(node instanceof BoundaryEvent) && !(node instanceof IntermediateCatchEvent && onlyLinks(node))) {
            report("no-implicit-start", Severity.ERROR, node.getId(), "Element is an implicit start");
        }
        if (outgoing.isEmpty() && !eventSubProcess && !isForCompensation(node) && !(node instanceof EndEvent)
                && !(node instanceof IntermediateThrowEvent && onlyLinks(node))
                && !(isCompensationBoundary(node) && hasCompensationActivity(node))) {
            report("no-implicit-end", Severity.ERROR, node.getId(), "Element is an implicit end");
        }
        if (!(node instanceof ParallelGateway || node instanceof EventBasedGateway || node instanceof SubProcess)
                && !(node instanceof Gateway && outgoing.size() <= 1)) {
            requireLabel(node.getId(), node.getName());
        }
    }

    private void checkSequenceFlows(Collection<SequenceFlow> flows) {
        Set<String> keys = new HashSet<>();
        Set<String> sourcesReported = new HashSet<>();
        Set<String> targetsReported = new HashSet<>();
        for (SequenceFlow flow : flows) {
            if (conditional(flow)) {
                requireLabel(flow.getId(), flow.getName());
            } else if (flow.getName() != null && !flow.getName().isBlank() && !isDefault(flow.getSource(), flow)
                    && !(isDecision(flow.getSource()) && outgoing(flow.getSource()).size() > 1)) {
                report("superfluous-label", Severity.WARNING, flow.getId(), "Sequence flow has superfluous label");
            }
            String source = flow.getSource() == null ? flow.getId() : flow.getSource().getId();
            String target = flow.getTarget() == null ? flow.getId() : flow.getTarget().getId();
            String condition = conditional(flow) ? flow.getConditionExpression().getTextContent() : "";
            if (!keys.add(source + "#" + target + "#" + condition)) {
                report("no-duplicate-sequence-flows", Severity.ERROR, flow.getId(), "SequenceFlow is a duplicate");
                if (sourcesReported.add(source)) {
                    report("no-duplicate-sequence-flows", Severity.ERROR, source, "Duplicate outgoing sequence flows");
                }
                if (targetsReported.add(target)) {
                    report("no-duplicate-sequence-flows", Severity.ERROR, target, "Duplicate incoming sequence flows");
                }
            }
        }
    }

    /** Link throw and catch events pair up by link name within one scope. */
    private void checkLinks(Collection<FlowElement> elements) {
        Map<String, List<Event>> byName = new LinkedHashMap<>();
        for (FlowElement element : elements) {
            if (!(element instanceof Event event)) {
                continue;
            }
            LinkEventDefinition link = definitions(event).stream().filter(LinkEventDefinition.class::isInstance)
                    .map(LinkEventDefinition.class::cast).findFirst().orElse(null);
            if (link == null) {
                continue;
            }
            if (link.getName() == null || link.getName().isEmpty()) {
                report("link-event", Severity.ERROR, event.getId(), "Link event is missing link name");
            } else {
                byName.computeIfAbsent(link.getName(), n -> new ArrayList<>()).add(event);
            }
        }
        byName.forEach((name, events) -> {
            if (events.size() == 1) {
                Event event = events.get(0);
                report("link-event", Severity.ERROR, event.getId(), "Link " + (event instanceof IntermediateThrowEvent
                        ? "catch" : "throw") + " event with link name <" + name + "> missing in scope");
                return;
            }
            List<Event> catches = events.stream().filter(CatchEvent.class::isInstance).toList();
            if (catches.size() > 1) {
                catches.forEach(e -> report("link-event", Severity.ERROR, e.getId(),
                        "Duplicate link catch event with link name <" + name + "> in scope"));
            } else if (catches.isEmpty()) {
                events.forEach(e -> report("link-event", Severity.ERROR, e.getId(),
                        "Link catch event with link name <" + name + "> missing in scope"));
            }
        });
    }

    /** A single terminate end event where every other end is an interrupting event sub-process ends nothing extra. */
    private void checkTermination(Collection<FlowElement> elements) {
        List<FlowNode> ends = elements.stream().filter(FlowNode.class::isInstance).map(FlowNode.class::cast)
                .filter(n -> outgoing(n).isEmpty()).toList();
        List<FlowNode> terminates = ends.stream().filter(RecommendedLintRules::isTerminateEnd).toList();
        if (terminates.size() == 1 && ends.stream().allMatch(e -> isTerminateEnd(e) || isInterruptingEventSubProcess(e))) {
            report("superfluous-termination", Severity.WARNING, terminates.get(0).getId(), "Termination is superfluous.");
        }
    }

    private void requireLabel(String id, String name) {
        if (name == null || name.isBlank()) {
            report("label-required", Severity.ERROR, id, "Element is missing label/name");
        }
    }

    private List<SequenceFlow> outgoing(FlowNode node) {
        return outgoingBySource.getOrDefault(node.getId(), List.of());
    }

    private List<SequenceFlow> incoming(FlowNode node) {
        return incomingByTarget.getOrDefault(node.getId(), List.of());
    }

    static Collection<EventDefinition> definitions(ModelElementInstance event) {
        return event.getChildElementsByType(EventDefinition.class);
    }

    private static boolean conditional(SequenceFlow flow) {
        return flow.getConditionExpression() != null;
    }

    private static boolean isDefault(FlowNode node, SequenceFlow flow) {
        return node != null && flow.getId().equals(node.getAttributeValue("default"));
    }

    private static boolean isDecision(FlowNode node) {
        return node instanceof ExclusiveGateway || node instanceof InclusiveGateway;
    }

    private static boolean onlyLinks(FlowNode event) {
        Collection<EventDefinition> definitions = definitions(event);
        return !definitions.isEmpty() && definitions.stream().allMatch(LinkEventDefinition.class::isInstance);
    }

    private static boolean isForCompensation(FlowNode node) {
        return node instanceof Activity && "true".equals(node.getAttributeValue("isForCompensation"));
    }

    private static boolean isCompensationBoundary(FlowNode node) {
        Collection<EventDefinition> definitions = node instanceof BoundaryEvent ? definitions(node) : List.of();
        return definitions.size() == 1 && definitions.iterator().next() instanceof CompensateEventDefinition;
    }

    private static boolean hasCompensationActivity(FlowNode node) {
        return node.getModelInstance().getModelElementsByType(Association.class).stream()
                .anyMatch(a -> a.getSource() != null && node.getId().equals(a.getSource().getId()));
    }

    private static boolean isTerminateEnd(FlowNode node) {
        return node instanceof EndEvent && definitions(node).stream().anyMatch(TerminateEventDefinition.class::isInstance);
    }

    private static boolean isInterruptingEventSubProcess(FlowNode node) {
        return node instanceof SubProcess sub && sub.triggeredByEvent() && sub.getChildElementsByType(StartEvent.class)
                .stream().anyMatch(StartEvent::isInterrupting);
    }
}
