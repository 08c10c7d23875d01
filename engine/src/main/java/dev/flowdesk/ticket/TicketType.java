package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ITIL ticket types and the process each starts unless a form or caller names another. */
public enum TicketType {
    INCIDENT("incident"), SERVICE_REQUEST("service-request"), CHANGE("change"), PROBLEM("problem");

    private final String defaultProcess;

    TicketType(String defaultProcess) {
        this.defaultProcess = defaultProcess;
    }

    public String defaultProcess() {
        return defaultProcess;
    }

    /** The type named by a caller (any case), or 400 naming {@code field}. */
    static TicketType parse(String value, String field) {
        String upper = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (TicketType type : values()) {
            if (type.name().equals(upper)) {
                return type;
            }
        }
        throw DomainException.invalid(field, "must be one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
