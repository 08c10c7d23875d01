package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a ticket reached the desk. */
public enum Channel {
    WEB, EMAIL, API, PHONE, WALK_IN;

    /** The channel named by a caller (any case, default API), or 400 naming {@code field}. */
    static Channel parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return API;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        for (Channel channel : values()) {
            if (channel.name().equals(upper)) {
                return channel;
            }
        }
        throw DomainException.invalid(field, "must be one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
