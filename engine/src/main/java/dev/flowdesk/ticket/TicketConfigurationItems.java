package dev.flowdesk.ticket;

import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;

import java.util.Map;

/**
 * The configuration items of tickets, as the ticket feature needs them for the rules: implemented by the asset
 * feature (which knows tickets, so the dependency points from assets to tickets and not back). The rules see a
 * critical CI as {@code configurationItem.criticality == "BUSINESS_CRITICAL"}.
 */
public interface TicketConfigurationItems {

    /** The ticket field that names the CI a new ticket is about (the forms' asset picker). */
    String FIELD = "asset";

    /**
     * The CI that a new ticket's fields name, checked for whoever opens it (a requester may name only her own
     * devices; invalid input otherwise, at {@code fields.asset}); null when the fields name none.
     */
    TicketFacts.ConfigurationItem forNewTicket(Map<String, Object> fields, String requester, CurrentUser actor);

    /** Links the CI found by {@link #forNewTicket} to the ticket just stored, in the same transaction. */
    void linkNewTicket(long ticketId, TicketFacts.ConfigurationItem item, CurrentUser actor);

    /** The most critical CI linked to a stored ticket (re-classification, replays); null when none. */
    TicketFacts.ConfigurationItem forStoredTicket(long ticketId);
}
