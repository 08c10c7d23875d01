package dev.flowdesk.security.totp;

import dev.flowdesk.security.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Set;

/**
 * {@code flowdesk.security.totp.*}: {@code required-roles} (e.g. {@code ADMIN,DESIGNER}) must sign in in the
 * browser with a second factor and enrol one at their next sign-in if they have none; {@code issuer} is the name
 * authenticator apps show (default Flowdesk). Anyone else may enrol voluntarily.
 */
@ConfigurationProperties("flowdesk.security.totp")
public record TotpProperties(Set<Role> requiredRoles, String issuer) {

    public TotpProperties {
        requiredRoles = requiredRoles == null ? Set.of() : Set.copyOf(requiredRoles);
        issuer = issuer == null || issuer.isBlank() ? "Flowdesk" : issuer.strip();
    }
}
