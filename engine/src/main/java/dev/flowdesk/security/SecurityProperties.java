package dev.flowdesk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flowdesk.security.*}: the administrator created at first start when none exists
 * ({@code FLOWDESK_ADMIN_USER} / {@code FLOWDESK_ADMIN_PASSWORD}); ignored once an administrator exists.
 */
@ConfigurationProperties("flowdesk.security")
public record SecurityProperties(BootstrapAdmin bootstrapAdmin) {

    public SecurityProperties {
        bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin(null, null) : bootstrapAdmin;
    }

    public record BootstrapAdmin(String id, String password) {
        boolean configured() {
            return id != null && !id.isBlank() && password != null && !password.isBlank();
        }
    }
}
