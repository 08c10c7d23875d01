package dev.flowdesk.organisation;

import dev.flowdesk.security.CurrentUser;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tenant of a Camunda group, for the people pickers (issue 15): groups have no tenant column, so a group is
 * tenant T's when it is a member of T in Camunda ({@code ACT_ID_TENANT_MEMBER}), or else when every one of its
 * members belongs to T and only to T (the demo's {@code acme-service-desk}). A group with a member of no tenant or of
 * several tenants is the desk's shared queue ({@code service-desk}, where tenants' agents sit beside the staff) and
 * is admitted for every tenant, as {@link TenantScope#admits} admits shared records. Deciding it from memberships
 * keeps one source of truth: Camunda's identity tables, which directory sign-ins keep current.
 */
@Component
class PeopleScope {

    private final JdbcTemplate jdbc;

    PeopleScope(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the caller may see this group in a picker. */
    boolean admitsGroup(CurrentUser caller, String groupId) {
        if (TenantScope.seesEveryTenant(caller)) {
            return true;
        }
        return TenantScope.admits(caller, tenantOf(groupId));
    }

    /** The group's tenant, or null when it is shared (see the class comment). */
    String tenantOf(String groupId) {
        List<String> explicit = jdbc.queryForList("select TENANT_ID_ from ACT_ID_TENANT_MEMBER where GROUP_ID_ = ?"
                + " order by TENANT_ID_", String.class, groupId);
        if (!explicit.isEmpty()) {
            return explicit.get(0);
        }
        Set<String> memberTenants = new HashSet<>();
        boolean anyMember = false;
        for (var row : jdbc.queryForList("select m.USER_ID_ as member, (select min(t.TENANT_ID_) from"
                + " ACT_ID_TENANT_MEMBER t where t.USER_ID_ = m.USER_ID_) as tenant from ACT_ID_MEMBERSHIP m"
                + " where m.GROUP_ID_ = ?", groupId)) {
            anyMember = true;
            memberTenants.add((String) row.get("tenant"));
        }
        return anyMember && memberTenants.size() == 1 ? memberTenants.iterator().next() : null;
    }
}
