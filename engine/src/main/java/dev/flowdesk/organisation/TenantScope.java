package dev.flowdesk.organisation;

import dev.flowdesk.security.CurrentUser;

import java.util.Map;

/**
 * The one hook that keeps organisations, contacts and assets of one tenant away from users of another (issue 15
 * makes the same scope govern tickets, forms, knowledge and reports). A user without a tenant (the desk's own staff)
 * sees every tenant; a user of tenant A sees A's records and those that belong to no tenant.
 */
public final class TenantScope {

    private TenantScope() {
    }

    /** Whether the user may see a record of this tenant (null: no tenant). */
    public static boolean admits(CurrentUser user, String tenant) {
        return user.isAdmin() || user.tenant() == null || tenant == null || tenant.equals(user.tenant());
    }

    /**
     * The same rule as SQL on the given tenant column; adds its parameter to {@code params} (named parameters).
     */
    public static String sql(CurrentUser user, String column, Map<String, Object> params) {
        if (user.isAdmin() || user.tenant() == null) {
            return "1 = 1";
        }
        params.put("scopeTenant", user.tenant());
        return "(" + column + " IS NULL OR " + column + " = :scopeTenant)";
    }
}
