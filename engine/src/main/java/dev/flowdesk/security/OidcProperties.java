package dev.flowdesk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code flowdesk.oidc.*}: how the claims of an OpenID Connect provider (Keycloak, Entra ID, Google …) become a
 * Flowdesk user. The providers themselves are Spring Boot's {@code spring.security.oauth2.client.registration.*} and
 * {@code …provider.*}; without any registration OIDC sign-in is off.
 * <ul>
 *   <li>{@code user-id-claim} (default {@code preferred_username}): the Flowdesk user id; it must not be a local
 *       account's or another source's id (such a sign-in is refused).</li>
 *   <li>{@code groups-claim} (default {@code groups}) and {@code group-mapping}: claim value → Flowdesk groups, as
 *       for the directory ({@link LdapProperties}); roles follow from the groups' types.</li>
 * </ul>
 */
@ConfigurationProperties("flowdesk.oidc")
public record OidcProperties(String userIdClaim, String groupsClaim, Map<String, List<String>> groupMapping) {

    public OidcProperties {
        userIdClaim = userIdClaim == null || userIdClaim.isBlank() ? "preferred_username" : userIdClaim;
        groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim;
        groupMapping = groupMapping == null ? Map.of() : Map.copyOf(groupMapping);
    }

    Set<String> managedGroups() {
        Set<String> all = new TreeSet<>();
        groupMapping.values().forEach(all::addAll);
        return all;
    }
}
