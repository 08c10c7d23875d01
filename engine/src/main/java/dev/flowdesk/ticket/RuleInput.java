package dev.flowdesk.ticket;

import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.TicketFacts;

import java.time.Instant;
import java.util.Map;

/**
 * What the rules see of a ticket: when it is opened, and later from its stored row (replays). Who the requester is
 * (tier, VIP, tenant) comes from {@link RequesterFacts}, the stored records, not from the ticket's fields.
 */
final class RuleInput {

    private RuleInput() {
    }

    static TicketFacts forNewTicket(Ticket ticket, NewTicket cmd, TicketFacts.Requester requester,
                                    TicketFacts.ConfigurationItem item, Instant now) {
        return new TicketFacts(ticket.getType(), ticket.getSubject(), ticket.getDescription(), ticket.getChannel(),
                cmd.fields(), requester, item, Level.valueOf(ticket.getImpact()), Level.valueOf(ticket.getUrgency()),
                ticket.getCategoryHint(), null, now);
    }

    static TicketFacts forStoredTicket(Ticket ticket, Map<String, Object> fields, TicketFacts.Requester requester,
                                       TicketFacts.ConfigurationItem item, Instant now) {
        return new TicketFacts(ticket.getType(), ticket.getSubject(), ticket.getDescription(), ticket.getChannel(),
                fields, requester, item, Level.valueOf(ticket.getImpact()), Level.valueOf(ticket.getUrgency()),
                ticket.getCategoryHint(), null, now);
    }
}
