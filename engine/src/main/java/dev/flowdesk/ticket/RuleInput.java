package dev.flowdesk.ticket;

import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** What the rules see of a ticket: when it is opened (with the caller), and later from its stored row (replays). */
final class RuleInput {

    private RuleInput() {
    }

    static TicketFacts forNewTicket(Ticket ticket, NewTicket cmd, CurrentUser actor, Instant now) {
        String requester = cmd.requester();
        boolean self = actor.id().equals(requester);
        String email = requester.contains("@") ? requester : self ? actor.email() : null;
        return new TicketFacts(ticket.getType(), ticket.getSubject(), ticket.getDescription(), ticket.getChannel(),
                cmd.fields(), new TicketFacts.Requester(requester, email, domainOf(email), null, false,
                        self ? actor.tenant() : null, "STANDARD"),
                null, Level.valueOf(ticket.getImpact()), Level.valueOf(ticket.getUrgency()),
                ticket.getCategoryHint(), null, now);
    }

    static TicketFacts forStoredTicket(Ticket ticket, Map<String, Object> fields, Instant now) {
        String requester = ticket.getRequester();
        String email = requester.contains("@") ? requester : null;
        return new TicketFacts(ticket.getType(), ticket.getSubject(), ticket.getDescription(), ticket.getChannel(),
                fields, new TicketFacts.Requester(requester, email, domainOf(email), null, false, null, "STANDARD"),
                null, Level.valueOf(ticket.getImpact()), Level.valueOf(ticket.getUrgency()),
                ticket.getCategoryHint(), null, now);
    }

    private static String domainOf(String email) {
        return email == null ? null : email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
