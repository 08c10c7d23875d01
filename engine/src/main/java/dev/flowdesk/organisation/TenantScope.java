package dev.flowdesk.organisation;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;

import java.util.Map;

/**
 * The tenant part of the one access scope (issues 13 and 15): organisations, contacts, assets, knowledge base
 * articles, forms and, through {@code ticket.TicketAccessScope}, tickets, lists, searches and reports ask here.
 * <ul>
 *   <li>Administrators, and the desk's own staff (agents, approvers, designers) without a tenant, see every tenant:
 *       they serve them all.</li>
 *   <li>A user bound to tenant A (a Camunda tenant membership, {@link CurrentUser#tenant()}) sees A's records and
 *       the shared ones (no tenant).</li>
 *   <li>A requester without a tenant sees only the shared ones: another tenant's articles and forms are not hers.</li>
 * </ul>
 * Tickets are never shared: {@link #ownsSql}/{@link #owns} admit only the user's own tenant (the desk's own tickets
 * have no tenant and are not shown to a tenant's agents).
 */
public final class TenantScope {

    private TenantScope() {
    }

    /** Whether the user sees the records of every tenant (no tenant condition at all). */
    public static boolean seesEveryTenant(CurrentUser user) {
        return user.isAdmin() || user.tenant() == null && (user.isAgent() || user.has(Role.APPROVER)
                || user.has(Role.DESIGNER));
    }

    /** Whether the user may see a record of this tenant (null: shared by all tenants). */
    public static boolean admits(CurrentUser user, String tenant) {
        return seesEveryTenant(user) || tenant == null || tenant.equals(user.tenant());
    }

    /**
     * The same rule as SQL on the given tenant column; adds its parameter to {@code params} (named parameters).
     */
    public static String sql(CurrentUser user, String column, Map<String, Object> params) {
        if (seesEveryTenant(user)) {
            return "1 = 1";
        }
        if (user.tenant() == null) {
            return column + " IS NULL";
        }
        params.put("scopeTenant", user.tenant());
        return "(" + column + " IS NULL OR " + column + " = :scopeTenant)";
    }

    /** For records that always belong to someone (tickets): only the user's own tenant, unless she sees all. */
    public static boolean owns(CurrentUser user, String tenant) {
        return seesEveryTenant(user) || user.tenant() != null && user.tenant().equals(tenant);
    }

    /** {@link #owns} as SQL on the given column; adds its parameter to {@code params}. */
    public static String ownsSql(CurrentUser user, String column, Map<String, Object> params) {
        if (seesEveryTenant(user)) {
            return "1 = 1";
        }
        if (user.tenant() == null) {
            return "1 = 0";
        }
        params.put("scopeTenant", user.tenant());
        return column + " = :scopeTenant";
    }
}
