package dev.flowdesk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code flowdesk.ldap.*}: sign-in against an LDAP directory or Active Directory beside the local accounts, off
 * while {@code url} is empty.
 * <ul>
 *   <li>{@code url}: the server and base DN, e.g. {@code ldaps://dc1.example.com:636/dc=example,dc=com};
 *       {@code manager-dn}/{@code manager-password}: a read-only account for the searches (empty: anonymous).</li>
 *   <li>{@code user-search-base} and {@code user-search-filter} ({@code {0}} is the name typed at sign-in; default
 *       {@code (uid={0})}, on AD {@code (sAMAccountName={0})}); the user then binds with her own password.</li>
 *   <li>{@code group-search-base}, {@code group-search-filter} ({@code {0}} is the user's DN, {@code {1}} her name;
 *       default {@code (member={0})}) and {@code group-name-attribute} (default {@code cn}).</li>
 *   <li>{@code group-mapping}: directory group name → Flowdesk (Camunda) groups. Roles follow from the mapped
 *       groups' types (agent, approver, designer, admin; {@code camunda-admin} makes administrators); queues and
 *       candidate groups are those groups. Only the groups named here are managed by sign-ins.</li>
 *   <li>{@code id-attribute} (default {@code uid}; AD {@code sAMAccountName}), {@code email-attribute}
 *       ({@code mail}), {@code first-name-attribute} ({@code givenName}), {@code last-name-attribute}
 *       ({@code sn}).</li>
 * </ul>
 */
@ConfigurationProperties("flowdesk.ldap")
public record LdapProperties(String url, String managerDn, String managerPassword, String userSearchBase,
                             String userSearchFilter, String groupSearchBase, String groupSearchFilter,
                             String groupNameAttribute, Map<String, List<String>> groupMapping, String idAttribute,
                             String emailAttribute, String firstNameAttribute, String lastNameAttribute) {

    public LdapProperties {
        userSearchBase = userSearchBase == null ? "" : userSearchBase;
        userSearchFilter = blank(userSearchFilter) ? "(uid={0})" : userSearchFilter;
        groupSearchBase = groupSearchBase == null ? "" : groupSearchBase;
        groupSearchFilter = blank(groupSearchFilter) ? "(member={0})" : groupSearchFilter;
        groupNameAttribute = blank(groupNameAttribute) ? "cn" : groupNameAttribute;
        groupMapping = groupMapping == null ? Map.of() : Map.copyOf(groupMapping);
        idAttribute = blank(idAttribute) ? "uid" : idAttribute;
        emailAttribute = blank(emailAttribute) ? "mail" : emailAttribute;
        firstNameAttribute = blank(firstNameAttribute) ? "givenName" : firstNameAttribute;
        lastNameAttribute = blank(lastNameAttribute) ? "sn" : lastNameAttribute;
    }

    public boolean enabled() {
        return !blank(url);
    }

    /** The Flowdesk groups whose memberships directory sign-ins manage. */
    Set<String> managedGroups() {
        Set<String> all = new TreeSet<>();
        groupMapping.values().forEach(all::addAll);
        return all;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
