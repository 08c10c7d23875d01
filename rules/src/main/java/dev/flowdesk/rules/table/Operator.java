package dev.flowdesk.rules.table;

/** The operators a condition column may use; which ones a field offers is up to {@link ConditionField}. */
public enum Operator {
    /** Equal to one value. */
    EQ("eq"),
    /** One of a comma-separated list of values. */
    IN("in"),
    /** Subject or description contains one of the comma-separated keywords (whole words, {@code *} extends). */
    MENTIONS("mentions"),
    /** In the declaration order of the value type: LOW &lt; MEDIUM &lt; HIGH, P1 &lt; P2 ... &lt; P5. */
    AT_LEAST(">="),
    AT_MOST("<="),
    /** A time of day in [from, to), written "08:00-17:00"; a range over midnight ("22:00-06:00") is allowed. */
    BETWEEN("between"),
    /** A yes/no fact is true ("true"/"yes") or false ("false"/"no"). */
    IS("is"),
    /** An optional fact is given ("true"/"yes") or missing ("false"/"no"). */
    IS_SET("is-set");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** How a table writes it: "eq", "in", "mentions", "&gt;=", "&lt;=", "between", "is", "is-set". */
    public String symbol() {
        return symbol;
    }

    static Operator parse(String text) {
        if (text == null) {
            return null;
        }
        for (Operator operator : values()) {
            if (operator.symbol.equalsIgnoreCase(text.strip())) {
                return operator;
            }
        }
        return null;
    }
}
