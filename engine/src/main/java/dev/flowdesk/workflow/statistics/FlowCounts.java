package dev.flowdesk.workflow.statistics;

import dev.flowdesk.workflow.statistics.ProcessStatistics.ActivityStatistics;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each sequence flow was taken, derived from the activity counts: Camunda's history records activity
 * instances, not the flows between them. A flow into a node with one incoming flow was taken as often as the node
 * was entered; a flow out of a node with one outgoing flow as often as the node was left normally (not cancelled);
 * every branch of a parallel fork as often as the fork was passed; and the last unknown branch of an exclusive
 * gateway (or the last unknown flow into a merging one) is what remains when the known branches are subtracted. A
 * flow none of these decide (an implicit split with conditions on a task, a merge of two unknown flows) stays
 * unknown rather than guessed.
 */
final class FlowCounts {

    /** Camunda records a multi-instance activity's body under this suffix; the body is what a flow enters. */
    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";

    private FlowCounts() {
    }

    static Map<String, Long> derive(BpmnModelInstance model, Map<String, ActivityStatistics> activities) {
        Collection<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class);
        Map<String, Long> taken = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (SequenceFlow flow : flows) {
                if (taken.containsKey(flow.getId())) {
                    continue;
                }
                Long count = decide(flow, activities, taken);
                if (count != null) {
                    taken.put(flow.getId(), Math.max(0, count));
                    changed = true;
                }
            }
        }
        return taken;
    }

    private static Long decide(SequenceFlow flow, Map<String, ActivityStatistics> activities, Map<String, Long> taken) {
        FlowNode source = flow.getSource();
        FlowNode target = flow.getTarget();
        if (target.getIncoming().size() == 1) {
            return entered(target, activities);
        }
        if (source.getOutgoing().size() == 1) {
            return left(source, activities);
        }
        if (source instanceof ParallelGateway && source.getIncoming().size() == 1) {
            return left(source, activities);
        }
        if (source instanceof ExclusiveGateway) {
            Long rest = remainder(left(source, activities), source.getOutgoing(), flow, taken);
            if (rest != null) {
                return rest;
            }
        }
        if (target instanceof ExclusiveGateway) {
            return remainder(entered(target, activities), target.getIncoming(), flow, taken);
        }
        return null;
    }

    /** {@code total} less the known counts of the other flows, when all of them are known. */
    private static Long remainder(long total, Collection<SequenceFlow> all, SequenceFlow flow, Map<String, Long> taken) {
        long rest = total;
        for (SequenceFlow other : all) {
            if (other != flow) {
                Long known = taken.get(other.getId());
                if (known == null) {
                    return null;
                }
                rest -= known;
            }
        }
        return rest;
    }

    private static long entered(FlowNode node, Map<String, ActivityStatistics> activities) {
        ActivityStatistics stats = of(node, activities);
        return stats == null ? 0 : stats.started();
    }

    private static long left(FlowNode node, Map<String, ActivityStatistics> activities) {
        ActivityStatistics stats = of(node, activities);
        return stats == null ? 0 : stats.completed() - stats.cancelled();
    }

    private static ActivityStatistics of(FlowNode node, Map<String, ActivityStatistics> activities) {
        ActivityStatistics body = activities.get(node.getId() + MULTI_INSTANCE_BODY);
        return body != null ? body : activities.get(node.getId());
    }
}
