package dev.flowdesk.ticket;

import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that says which tickets a user may see (deny by default): administrators see all; agents see the
 * tickets of their queues (groups) and the ones assigned to them, and everyone the tickets they requested (by user
 * id or e-mail). An agent bound to a tenant sees queue and assigned tickets of her tenant only
 * ({@link TenantScope#owns}); her own requests she always sees. A ticket outside the scope answers 404, never 403.
 */
final class TicketAccessScope {

    private TicketAccessScope() {
    }

    static boolean maySee(CurrentUser user, Ticket ticket) {
        if (user.isAdmin() || user.isRequester(ticket.getRequester())) {
            return true;
        }
        return user.isAgent() && TenantScope.owns(user, ticket.getTenant())
                && (user.id().equals(ticket.getAssignee()) || user.groups().contains(ticket.getQueue()));
    }

    /** Whether the ticket is of a tenant the user works for (the tenant part of the scope, for task offers). */
    static boolean tenantAdmits(CurrentUser user, Ticket ticket) {
        return user.isRequester(ticket.getRequester()) || TenantScope.owns(user, ticket.getTenant());
    }

    /**
     * The tenant part alone, for the desk-wide figures of designers (reports, dashboards): every ticket of the
     * tenants the user works for.
     */
    static String tenantSql(CurrentUser user, MapSqlParameterSource params) {
        return tenantSql(user, params, "t.tenant");
    }

    /** {@link #tenantSql(CurrentUser, MapSqlParameterSource)} on another tenant column (the report roll-up's). */
    static String tenantSql(CurrentUser user, MapSqlParameterSource params, String column) {
        Map<String, Object> named = new HashMap<>();
        String sql = TenantScope.ownsSql(user, column, named);
        params.addValues(named);
        return sql;
    }

    /**
     * An agent's scope split in two disjoint parts, for the report roll-up: the tickets of her queues (in her
     * tenant), which the roll-up's keys select exactly ({@code onRollup} on {@code r}, {@code onTickets} on {@code t}),
     * and the rest of her scope outside them (her requests, the tickets assigned to her in other queues), on
     * {@code t}. Together exactly {@link #sql}; null for a user without queues or who is no agent.
     */
    record QueuePart(String onRollup, String onTickets, String rest) {
    }

    static QueuePart queuePart(CurrentUser user, MapSqlParameterSource params) {
        if (user.isAdmin() || !user.isAgent() || user.groups().isEmpty()) {
            return null;
        }
        sql(user, params); // names the parameters the parts use
        String tenant = tenantSql(user, params);
        String tenantOnRollup = tenantSql(user, params, "r.tenant");
        String queues = "t.queue in (:scopeGroups)" + (tenant.equals("1 = 1") ? "" : " and " + tenant);
        List<String> rest = new ArrayList<>();
        rest.add("t.requester = :scopeUser");
        if (user.email() != null) {
            rest.add("lower(t.requester) = :scopeEmail");
        }
        rest.add("t.assignee = :scopeUser" + (tenant.equals("1 = 1") ? "" : " and " + tenant));
        // (R or (assignee or queue) and T) and not (queue and T) = (R or assignee and T) and not (queue and T);
        // coalesce: a ticket without tenant makes "queue and T" unknown, which must count as false here
        return new QueuePart("r.queue in (:scopeGroups)"
                + (tenantOnRollup.equals("1 = 1") ? "" : " and " + tenantOnRollup), queues,
                "(" + String.join(" or ", rest) + ") and not coalesce((" + queues + "), false)");
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
            List<String> work = new ArrayList<>();
            work.add("t.assignee = :scopeUser");
            if (!user.groups().isEmpty()) {
                params.addValue("scopeGroups", user.groups());
                work.add("t.queue in (:scopeGroups)");
            }
            String tenant = tenantSql(user, params);
            any.add("(" + String.join(" or ", work) + ")" + (tenant.equals("1 = 1") ? "" : " and " + tenant));
        }
        return "(" + String.join(" or ", any) + ")";
    }
}
