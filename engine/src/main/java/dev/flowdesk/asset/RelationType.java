package dev.flowdesk.asset;

import dev.flowdesk.error.DomainException;

import java.util.Locale;

/**
 * How one CI relates to another ({@code source TYPE target}). The first three carry a dependency: when the target
 * fails, the source is affected, so impact follows them from target to source. {@link #CONNECTED_TO} only says two
 * items are wired together; following it would make every switch affect the whole network.
 */
public enum RelationType {
    RUNS_ON, DEPENDS_ON, PART_OF, CONNECTED_TO;

    static RelationType parse(String value, String field) {
        try {
            return RelationType.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw DomainException.invalid(field, "must be one of RUNS_ON, DEPENDS_ON, PART_OF, CONNECTED_TO");
        }
    }
}
