package dev.flowdesk.rules.table;

/**
 * What an action column does to the decision. A cell holds a value ("network", "P2", "15") or, for the actions that
 * take their value from the facts or from the decision so far, "yes" (an empty cell does nothing). The actions that
 * compute a value explain the change with values on the decision ("the requester is a VIP: P3 -&gt; P2").
 */
public enum ActionKind {
    /** Sets the category (a lower-case name). */
    CATEGORY("category"),
    /** Sets the category to the one chosen on the form (trimmed, lower case), when the form gave one. */
    CATEGORY_FROM_FORM("category-from-form"),
    /** Sets the priority, P1..P5. */
    PRIORITY("priority"),
    /** Makes the priority one step more urgent, at most once per ticket and never above P1. */
    RAISE_PRIORITY("raise-priority"),
    /** Lifts a priority less urgent than the form's floor to that floor. */
    PRIORITY_FLOOR_FROM_FORM("priority-floor-from-form"),
    /** Sets the queue (the candidate group that works the ticket). */
    QUEUE("queue"),
    /** Sets the group that approves the ticket. */
    APPROVER_GROUP("approver-group"),
    /** Sets the first-response target in business minutes. */
    FIRST_RESPONSE_MINUTES("first-response-minutes"),
    /** Sets the resolution target in business minutes. */
    RESOLUTION_MINUTES("resolution-minutes"),
    /** Divides both SLA targets set so far by a whole number (2 halves them), rounding down. */
    DIVIDE_TARGETS("divide-targets"),
    /** Adds a tag. */
    TAG("tag");

    private final String key;

    ActionKind(String key) {
        this.key = key;
    }

    /** How a table names the action, e.g. "approver-group". */
    public String key() {
        return key;
    }

    /** Whether the cell is "yes"/empty rather than a value. */
    boolean isSwitch() {
        return this == CATEGORY_FROM_FORM || this == RAISE_PRIORITY || this == PRIORITY_FLOOR_FROM_FORM;
    }

    /** Whether the action applies only when the decision so far allows it, so a row with it may not fire. */
    boolean isConditional() {
        return isSwitch() || this == DIVIDE_TARGETS;
    }

    static ActionKind parse(String text) {
        if (text == null) {
            return null;
        }
        for (ActionKind kind : values()) {
            if (kind.key.equals(text.strip())) {
                return kind;
            }
        }
        return null;
    }
}
