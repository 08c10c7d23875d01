package dev.flowdesk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flowdesk.security.*}: the administrator created at first start when none exists
 * ({@code FLOWDESK_ADMIN_USER} / {@code FLOWDESK_ADMIN_PASSWORD}); ignored once an administrator exists. And how long
 * a verified HTTP Basic sign-in is reused ({@code credential-cache}, default 30 s; 0 turns it off): within that
 * time a request with the same user and password is not checked against the password hash and its groups are not
 * read again, so a changed password, a lock or a new group takes effect for API clients after at most that long.
 */
@ConfigurationProperties("flowdesk.security")
public record SecurityProperties(BootstrapAdmin bootstrapAdmin, java.time.Duration credentialCache) {

    public SecurityProperties {
        bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin(null, null) : bootstrapAdmin;
        credentialCache = credentialCache == null ? java.time.Duration.ofSeconds(30) : credentialCache;
    }

    public record BootstrapAdmin(String id, String password) {
        boolean configured() {
            return id != null && !id.isBlank() && password != null && !password.isBlank();
        }
    }
}
