package dev.flowdesk.sla;

/**
 * One warning threshold: a share of the resolution target used ({@code percent}) or working minutes left before the
 * deadline ({@code minutesBeforeDue}); exactly one is set.
 */
public record Threshold(Integer percent, Long minutesBeforeDue) {

    static final Threshold DEFAULT_YELLOW = new Threshold(50, null);
    static final Threshold DEFAULT_RED = new Threshold(80, null);

    public Threshold {
        if ((percent == null) == (minutesBeforeDue == null)) {
            throw new IllegalArgumentException("a threshold is either a percentage or minutes before due");
        }
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("a threshold percentage lies between 0% and 100%");
        }
        if (minutesBeforeDue != null && minutesBeforeDue < 0) {
            throw new IllegalArgumentException("minutes before due must not be negative");
        }
    }

    /** {@code 50%}, {@code 90m}, {@code 4h} or a bare number of minutes before due. */
    public static Threshold parse(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.endsWith("%")) {
                return new Threshold(Integer.parseInt(s.substring(0, s.length() - 1).strip()), null);
            }
            if (s.endsWith("h")) {
                return new Threshold(null, Long.parseLong(s.substring(0, s.length() - 1).strip()) * 60);
            }
            if (s.endsWith("m")) {
                return new Threshold(null, Long.parseLong(s.substring(0, s.length() - 1).strip()));
            }
            return new Threshold(null, Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is no threshold (write 50%, 90m or 4h)");
        }
    }

    /** The working minutes of a target of {@code targetMinutes} used when the threshold is reached. */
    long usedMinutes(long targetMinutes) {
        if (percent != null) {
            return (targetMinutes * percent + 99) / 100; // rounded up: never warn before the share is used
        }
        return Math.max(0, targetMinutes - minutesBeforeDue);
    }
}
