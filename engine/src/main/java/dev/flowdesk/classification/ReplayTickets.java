package dev.flowdesk.classification;

import dev.flowdesk.rules.TicketFacts;

import java.util.List;

/**
 * Where rule replays get stored tickets from. The ticket feature implements it, so classification (which the
 * ticket feature uses to decide) never depends on the ticket feature.
 */
public interface ReplayTickets {

    /** A stored ticket's facts, as the rules saw them when it was opened. */
    record StoredFacts(long ticketId, String number, TicketFacts facts) {
    }

    /** The facts of the most recent tickets, newest first. */
    List<StoredFacts> recentFacts(int last);

    /** The facts of the given tickets, in the order given; ids that name no ticket are left out. */
    List<StoredFacts> factsOf(List<Long> ids);
}
