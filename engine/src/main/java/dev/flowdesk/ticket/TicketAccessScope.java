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
