package dev.flowdesk.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.kie.api.definition.type.Modifies;

/**
 * The working-memory fact that rules write their decision into, one per evaluation. It is public only because Drools
 * compiles rule consequences into classes of another class loader; application code reads the immutable
 * {@link Decision} instead. Rules change it inside {@code modify($d) { ... }} so that rules testing a field see the
 * change (property reactivity); a field nobody set falls back to the Java defaults in {@link #toDecision(List)}, so a
 * rule set that forgets a concern still yields a routable ticket.
 */
public final class DecisionDraft {

    static final String DEFAULT_QUEUE = "dispatcher";
    static final Priority DEFAULT_PRIORITY = Priority.P3;
    static final String DEFAULT_CATEGORY = "uncategorized";
    /** The shipped STANDARD-tier targets of P3, the default priority. */
    static final Decision.SlaTargets DEFAULT_SLA = new Decision.SlaTargets(240, 1440);

    private String category;
    private Priority priority;
    private boolean priorityRaised;
    private String queue;
    private String approverGroup;
    private Integer firstResponseMinutes;
    private Integer resolutionMinutes;
    private final Set<String> tags = new LinkedHashSet<>();
    private final Set<String> hits = new LinkedHashSet<>();
    private String explanation;

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    /** Whether a rule already raised the priority; the shipped rules raise at most once per ticket. */
    public boolean isPriorityRaised() {
        return priorityRaised;
    }

    public void setPriorityRaised(boolean priorityRaised) {
        this.priorityRaised = priorityRaised;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public String getApproverGroup() {
        return approverGroup;
    }

    public void setApproverGroup(String approverGroup) {
        this.approverGroup = approverGroup;
    }

    public Integer getFirstResponseMinutes() {
        return firstResponseMinutes;
    }

    public void setFirstResponseMinutes(Integer firstResponseMinutes) {
        this.firstResponseMinutes = firstResponseMinutes;
    }

    public Integer getResolutionMinutes() {
        return resolutionMinutes;
    }

    public void setResolutionMinutes(Integer resolutionMinutes) {
        this.resolutionMinutes = resolutionMinutes;
    }

    /** The tags so far, in the order rules added them. */
    public Set<String> getTags() {
        return Set.copyOf(tags);
    }

    /** Adds a tag; declared as modifying {@code tags} so that rules testing tags react when called inside modify. */
    @Modifies({"tags"})
    public void addTag(String tag) {
        tags.add(tag);
    }

    /**
     * The keys of decision-table rows and tables that already fired for this ticket. Rules generated from a decision
     * table guard on it ({@code hits not contains "routing/queue"}) so that under the hit policy FIRST only one row
     * of a table fires and no row fires twice, whatever its actions change; hand-written DRL has no use for it.
     */
    public Set<String> getHits() {
        return Set.copyOf(hits);
    }

    /** Records that a table row (or its table) fired; declared as modifying {@code hits} so the guards react. */
    @Modifies({"hits"})
    public void markHit(String key) {
        hits.add(key);
    }

    /**
     * Gives the reason of the rule that is firing right now, overriding its {@code @reason} metadata; for reasons
     * that name values, e.g. "requester is a VIP: P3 -> P2". Declared as modifying nothing: Drools counts any method
     * called on a fact in a consequence that also modifies it, and without this the modify would wake up every rule
     * on this fact again (the shipped SLA rules then loop).
     */
    @Modifies({})
    public void explain(String reason) {
        this.explanation = reason;
    }

    /** The reason set by the current consequence, once; null if it set none. */
    String takeExplanation() {
        String reason = explanation;
        explanation = null;
        return reason;
    }

    Decision toDecision(List<Decision.FiredRule> rulesFired) {
        Decision.SlaTargets sla = firstResponseMinutes != null && resolutionMinutes != null
                ? new Decision.SlaTargets(firstResponseMinutes, resolutionMinutes)
                : DEFAULT_SLA;
        return new Decision(
                isBlank(queue) ? DEFAULT_QUEUE : queue,
                priority == null ? DEFAULT_PRIORITY : priority,
                isBlank(category) ? DEFAULT_CATEGORY : category,
                sla,
                new ArrayList<>(tags),
                isBlank(approverGroup) ? null : approverGroup,
                rulesFired);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
