package dev.flowdesk.security;

/**
 * Flowdesk roles. Every signed-in user is a {@link #USER} (a requester); the others come from the {@code type} of the
 * Camunda groups the user belongs to ("agent", "approver", "designer", "admin"); members of Camunda's
 * {@code camunda-admin} group are administrators.
 */
public enum Role {
    USER, AGENT, APPROVER, DESIGNER, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
