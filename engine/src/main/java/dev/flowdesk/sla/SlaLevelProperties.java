package dev.flowdesk.sla;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * {@code flowdesk.sla.levels.<priority>.yellow|red}: when a ticket of a priority turns YELLOW and RED, as a share of
 * its resolution target in working time ({@code 50%}) or as working time before the deadline ({@code 90m},
 * {@code 4h}). A priority without an entry uses 50 % and 80 %.
 */
@ConfigurationProperties("flowdesk.sla")
public record SlaLevelProperties(Map<String, Thresholds> levels) {

    public SlaLevelProperties {
        levels = levels == null ? Map.of() : Map.copyOf(levels);
        levels.forEach((priority, t) -> {
            Threshold yellow = t.yellowThreshold();
            Threshold red = t.redThreshold();
            if (yellow.percent() != null && red.percent() != null && red.percent() < yellow.percent()) {
                throw new IllegalArgumentException("flowdesk.sla.levels." + priority + ".red must not come before yellow");
            }
        });
    }

    /** The two thresholds of one priority as written in the properties. */
    public record Thresholds(String yellow, String red) {
        public Threshold yellowThreshold() {
            return yellow == null ? Threshold.DEFAULT_YELLOW : Threshold.parse(yellow);
        }

        public Threshold redThreshold() {
            return red == null ? Threshold.DEFAULT_RED : Threshold.parse(red);
        }
    }

    /** The thresholds of a priority (the defaults when none are configured). */
    Thresholds of(String priority) {
        return priority == null ? new Thresholds(null, null) : levels.getOrDefault(priority, new Thresholds(null, null));
    }
}
