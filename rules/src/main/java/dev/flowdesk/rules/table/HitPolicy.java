package dev.flowdesk.rules.table;

/**
 * How the matching rows of a decision table combine, as in DMN: FIRST lets the first matching row (in row order) win,
 * PRIORITY the matching row with the highest precedence (ties: the earlier row), COLLECT applies every matching row
 * in row order (later rows overwrite a single value, tags add up).
 */
public enum HitPolicy {
    FIRST, PRIORITY, COLLECT;

    static HitPolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (HitPolicy policy : values()) {
            if (policy.name().equalsIgnoreCase(text.strip())) {
                return policy;
            }
        }
        return null;
    }
}
