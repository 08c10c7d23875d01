package dev.flowdesk.security;

import dev.flowdesk.error.DomainException;

import java.security.Principal;
import java.util.List;
import java.util.Set;

/**
 * The signed-in user as the rest of Flowdesk sees it: id, display name, e-mail, Camunda groups and the roles those
 * groups grant. Obtain it with {@link CurrentUsers#require()}. Serializable because a browser sign-in keeps it in the
 * session, which lives in the database (Spring Session JDBC) so that any node can continue it.
 */
public record CurrentUser(String id, String name, String email, List<String> groups, Set<Role> roles, String tenant)
        implements Principal, java.io.Serializable {

    /**
     * The Camunda group whose members may upload rule sets as DRL text. Its own permission, besides the designer
     * or admin role: a DRL consequence is Java that runs on the server, while designing flows, forms and rule
     * tables is not.
     */
    public static final String RULE_DEVELOPER_GROUP = "rule-developer";

    public CurrentUser {
        groups = List.copyOf(groups);
        roles = Set.copyOf(roles);
    }

    /** The user id: what Spring Security and Camunda know this user by. */
    @Override
    public String getName() {
        return id;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAgent() {
        return has(Role.AGENT) || has(Role.ADMIN);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean isRuleDeveloper() {
        return groups.contains(RULE_DEVELOPER_GROUP);
    }

    /**
     * The one way to require a role: returns normally when the user has any of the roles (administrators have them
     * all), else refuses with the reason, which the caller sees (403).
     */
    public void requireAny(String reason, Role... anyOf) {
        if (isAdmin()) {
            return;
        }
        for (Role role : anyOf) {
            if (role == Role.AGENT ? isAgent() : has(role)) {
                return;
            }
        }
        throw DomainException.refused(reason);
    }

    /** True if this user is the requester named on a ticket (by user id or by e-mail address). */
    public boolean isRequester(String requester) {
        return requester != null && (requester.equals(id) || (email != null && requester.equalsIgnoreCase(email)));
    }
}
