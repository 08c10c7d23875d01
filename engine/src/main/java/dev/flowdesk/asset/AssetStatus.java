package dev.flowdesk.asset;

import dev.flowdesk.error.DomainException;

import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of an asset. A device is ordered, kept in stock, used, repaired and used or stocked again, and
 * retired at last; retired is final (a retired serial that turns up again is a data error to be looked at, not a
 * silent revival).
 */
public enum AssetStatus {
    ORDERED, IN_STOCK, IN_USE, IN_REPAIR, RETIRED;

    /** Whether an asset in this status may move to {@code next} (staying is always allowed). */
    boolean mayBecome(AssetStatus next) {
        if (next == this) {
            return true;
        }
        return switch (this) {
            case ORDERED -> Set.of(IN_STOCK, IN_USE, RETIRED).contains(next);
            case IN_STOCK -> Set.of(IN_USE, IN_REPAIR, RETIRED).contains(next);
            case IN_USE -> Set.of(IN_STOCK, IN_REPAIR, RETIRED).contains(next);
            case IN_REPAIR -> Set.of(IN_STOCK, IN_USE, RETIRED).contains(next);
            case RETIRED -> false;
        };
    }

    static AssetStatus parse(String value, String field) {
        try {
            return AssetStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw DomainException.invalid(field, "must be one of ORDERED, IN_STOCK, IN_USE, IN_REPAIR, RETIRED");
        }
    }
}
