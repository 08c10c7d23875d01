package dev.flowdesk.workflow.migration;

import java.util.List;
import java.util.Map;

/**
 * A designer's migration: from which definition to which, the activity mapping that overrides the proposed one
 * (same ids; a blank target leaves the source activity unmapped), and optionally which tickets (all open tickets of
 * the source definition when absent).
 */
public record MigrationRequest(String sourceDefinitionId, String targetDefinitionId, Map<String, String> mapping,
                               List<Long> ticketIds) {

    public MigrationRequest {
        mapping = mapping == null ? Map.of() : new java.util.LinkedHashMap<>(mapping);
        ticketIds = ticketIds == null ? null : List.copyOf(ticketIds);
    }
}
