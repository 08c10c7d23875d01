package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place that says which tickets a user may see (deny by default): administrators see all; agents see the
 * tickets of their queues (groups), the ones assigned to them and their own; everyone else sees only the tickets
 * they requested (by user id or e-mail). A ticket outside the scope answers 404, never 403.
 */
final class TicketAccessScope {

    private TicketAccessScope() {
    }

    static boolean maySee(CurrentUser user, Ticket ticket) {
        if (user.isAdmin() || user.isRequester(ticket.getRequester())) {
            return true;
        }
        return user.isAgent() && (user.id().equals(ticket.getAssignee()) || user.groups().contains(ticket.getQueue()));
    }

    /**
     * The scope as SQL over the table {@code ticket} under the alias {@code t}, for lists, searches, views and
     * reports; the parameters it names are added to {@code params}.
     */
    static String sql(CurrentUser user, MapSqlParameterSource params) {
        if (user.isAdmin()) {
            return "1 = 1";
        }
        List<String> any = new ArrayList<>();
        params.addValue("scopeUser", user.id());
        any.add("t.requester = :scopeUser");
        if (user.email() != null) {
            params.addValue("scopeEmail", user.email().toLowerCase());
            any.add("lower(t.requester) = :scopeEmail");
        }
        if (user.isAgent()) {
            any.add("t.assignee = :scopeUser");
            if (!user.groups().isEmpty()) {
                params.addValue("scopeGroups", user.groups());
                any.add("t.queue in (:scopeGroups)");
            }
        }
        return "(" + String.join(" or ", any) + ")";
    }
}
