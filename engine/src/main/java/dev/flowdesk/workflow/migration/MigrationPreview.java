package dev.flowdesk.workflow.migration;

import dev.flowdesk.workflow.migration.MigrationPlans.Planned;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a plan would do to one process instance, before anything changes: where each of its active activities
 * goes, which of its timers are kept (with their due dates), dropped or created, and which variables the new
 * version reads that the old one did not and the instance lacks. An active activity without an instruction makes
 * the instance unmappable; Camunda would refuse it the same way, and the migration leaves it untouched.
 */
@Component
class MigrationPreview {

    /** The activity properties the ticket's status and SLA clock come from ({@code TicketStatusPlugin}). */
    private static final String SLA_CLOCK = "slaClock";
    private static final String TICKET_STATUS = "ticketStatus";

    private final RuntimeService runtime;
    private final ManagementService management;
    private final ModelVariables variables;

    MigrationPreview(RuntimeService runtime, ManagementService management, ModelVariables variables) {
        this.runtime = runtime;
        this.management = management;
        this.variables = variables;
    }

    enum TimerChange { KEPT, CREATED, REMOVED }

    record Move(String sourceActivityId, String targetActivityId) {
    }

    /** {@code dueDate}: of the existing job (kept, removed); null for a created one (due as the new model says). */
    record Timer(String timerId, String attachedTo, TimerChange change, Instant dueDate) {
    }

    /**
     * {@code unmapped}: active activities without an instruction; {@code conflicts}: moves that would break the SLA
     * clock; both empty: the instance can move. {@code warnings}: what changes without stopping the move.
     */
    record InstancePreview(List<Move> moves, List<String> unmapped, List<String> conflicts, List<Timer> timers,
                           List<String> missingVariables, List<String> warnings) {
        boolean mappable() {
            return unmapped.isEmpty() && conflicts.isEmpty();
        }
    }

    /** What the target model reads and the source model did not: the variables an older instance may lack. */
    Set<String> newVariables(String sourceXml, String targetXml) {
        Set<String> added = new LinkedHashSet<>(variables.read(targetXml));
        added.removeAll(variables.read(sourceXml));
        return added;
    }

    InstancePreview of(ProcessInstance instance, Planned planned, Set<String> newVariables) {
        Map<String, String> instructions = new LinkedHashMap<>();
        for (MigrationInstruction instruction : planned.plan().getInstructions()) {
            instructions.put(instruction.getSourceActivityId(), instruction.getTargetActivityId());
        }
        Set<String> active = new LinkedHashSet<>();
        collect(runtime.getActivityInstance(instance.getId()), active, true);
        List<Move> moves = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (String activityId : active) {
            String target = instructions.get(activityId);
            if (target == null) {
                unmapped.add(activityId);
            } else {
                moves.add(new Move(activityId, target));
            }
        }
        List<String> conflicts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Move move : moves) {
            check(move, planned, conflicts, warnings);
        }
        List<Timer> timers = new ArrayList<>();
        if (unmapped.isEmpty()) {
            Set<String> targetsOfTimers = new HashSet<>();
            for (Move move : moves) {
                for (BoundaryEvent timer : timers(planned.sourceModel(), move.sourceActivityId())) {
                    String kept = instructions.get(timer.getId());
                    Instant due = dueDate(instance.getId(), timer.getId());
                    if (kept != null) {
                        targetsOfTimers.add(kept);
                        timers.add(new Timer(kept, move.targetActivityId(), TimerChange.KEPT, due));
                    } else if (due != null) {
                        timers.add(new Timer(timer.getId(), move.sourceActivityId(), TimerChange.REMOVED, due));
                    }
                }
            }
            for (Move move : moves) {
                for (BoundaryEvent timer : timers(planned.targetModel(), move.targetActivityId())) {
                    if (!targetsOfTimers.contains(timer.getId())) {
                        timers.add(new Timer(timer.getId(), move.targetActivityId(), TimerChange.CREATED, null));
                    }
                }
            }
        }
        Set<String> present = newVariables.isEmpty() ? Set.of()
                : runtime.getVariables(instance.getId(), newVariables).keySet();
        List<String> missing = newVariables.stream().filter(name -> !present.contains(name)).toList();
        return new InstancePreview(moves, unmapped, conflicts, timers, missing, warnings);
    }

    /**
     * A paused SLA clock is resumed by the end of the activity that paused it ({@code slaClock=paused}), so a ticket
     * may only move between activities that agree on it: into one that does not pause, its clock would never
     * resume; out of a running one into a pausing one, it would "resume" a pause that never began. The ticket
     * status of the new activity is applied only when the ticket next enters an activity, which is worth a warning.
     */
    private static void check(Move move, Planned planned, List<String> conflicts, List<String> warnings) {
        String clockBefore = property(planned.sourceModel(), move.sourceActivityId(), SLA_CLOCK);
        String clockAfter = property(planned.targetModel(), move.targetActivityId(), SLA_CLOCK);
        if (!java.util.Objects.equals(clockBefore, clockAfter)) {
            conflicts.add("'" + move.sourceActivityId() + "' (slaClock " + (clockBefore == null ? "running" : clockBefore)
                    + ") and '" + move.targetActivityId() + "' (slaClock " + (clockAfter == null ? "running" : clockAfter)
                    + ") disagree on the SLA clock");
        }
        String statusBefore = property(planned.sourceModel(), move.sourceActivityId(), TICKET_STATUS);
        String statusAfter = property(planned.targetModel(), move.targetActivityId(), TICKET_STATUS);
        if (statusAfter != null && !statusAfter.equals(statusBefore)) {
            warnings.add("'" + move.targetActivityId() + "' stands for status " + statusAfter + "; the ticket keeps "
                    + (statusBefore == null ? "its status" : statusBefore) + " until its next step");
        }
    }

    /** The value of a {@code camunda:property} of an activity (trimmed), or null. */
    private static String property(BpmnModelInstance model, String activityId, String name) {
        if (!(model.getModelElementById(activityId) instanceof BaseElement element)
                || element.getExtensionElements() == null) {
            return null;
        }
        for (CamundaProperties properties : element.getExtensionElements()
                .getChildElementsByType(CamundaProperties.class)) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (name.equals(property.getCamundaName()) && property.getCamundaValue() != null
                        && !property.getCamundaValue().isBlank()) {
                    return property.getCamundaValue().strip();
                }
            }
        }
        return null;
    }

    /** Activities (and scopes such as sub-processes) that hold a token, including tokens waiting before one. */
    private static void collect(ActivityInstance instance, Set<String> into, boolean root) {
        if (!root) {
            into.add(instance.getActivityId());
        }
        for (TransitionInstance transition : instance.getChildTransitionInstances()) {
            into.add(transition.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            collect(child, into, false);
        }
    }

    private static List<BoundaryEvent> timers(BpmnModelInstance model, String activityId) {
        FlowElement activity = model.getModelElementById(activityId);
        if (activity == null) {
            return List.of();
        }
        return model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo() != null && activityId.equals(b.getAttachedTo().getId()))
                .filter(b -> b.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance))
                .toList();
    }

    private Instant dueDate(String processInstanceId, String timerId) {
        Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(timerId).timers()
                .list().stream().findFirst().orElse(null);
        return job == null || job.getDuedate() == null ? null : job.getDuedate().toInstant();
    }
}
