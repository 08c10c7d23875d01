package dev.flowdesk.security.token;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API token may do: a small allow-list, each scope one family of {@code /api} endpoints and either reading
 * ({@code GET}, {@code HEAD}) or changing (every other method). A token acts as its owner, so the owner's role still
 * decides; the scope can only narrow it. An endpoint that no scope names cannot be called with a token at all (deny
 * by default): token management itself, so that a leaked token cannot mint a longer-lived one, and any endpoint added
 * later until it is mapped here.
 */
public enum TokenScope {
    TICKETS_READ("tickets:read"),
    TICKETS_WRITE("tickets:write"),
    KB_READ("kb:read"),
    KB_WRITE("kb:write"),
    FORMS_READ("forms:read"),
    DESIGN_READ("design:read"),
    DESIGN_WRITE("design:write"),
    REPORTS_READ("reports:read"),
    DIRECTORY_READ("directory:read"),
    PROFILE_READ("profile:read"),
    ADMIN_READ("admin:read"),
    ADMIN_WRITE("admin:write");

    private final String value;

    TokenScope(String value) {
        this.value = value;
    }

    /** The name clients send and see, e.g. {@code tickets:read}. */
    public String value() {
        return value;
    }

    public static Optional<TokenScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /**
     * The scope a request needs, from its method and path (the path without the context path); empty when no token
     * may make this request.
     */
    public static Optional<TokenScope> requiredFor(String method, String path) {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        // a token never mints a token, nor takes away someone's second factor
        if (under(path, "/api/me/tokens") || under(path, "/api/admin/tokens")
                || (under(path, "/api/admin/users") && path.endsWith("/totp"))) {
            return Optional.empty();
        }
        if (path.equals("/api/me") || path.equals("/api/me/export")) {
            return read ? Optional.of(PROFILE_READ) : Optional.empty();
        }
        if (path.matches("/api/forms/[^/]+/submissions")) {
            return read ? Optional.empty() : Optional.of(TICKETS_WRITE);
        }
        // asset types are forms by another name: read to render an asset's fields, written by designers
        if (under(path, "/api/forms") || under(path, "/api/asset-types")) {
            return Optional.of(read ? FORMS_READ : DESIGN_WRITE);
        }
        if (under(path, "/api/tickets") || under(path, "/api/tasks") || under(path, "/api/approvals")
                || under(path, "/api/attachments") || under(path, "/api/search") || under(path, "/api/views")
                || under(path, "/api/assets")) {
            return Optional.of(read ? TICKETS_READ : TICKETS_WRITE);
        }
        if (under(path, "/api/kb")) {
            return Optional.of(read ? KB_READ : KB_WRITE);
        }
        if (under(path, "/api/processes") || under(path, "/api/rulesets") || under(path, "/api/mail/templates")
                || under(path, "/api/config")
                || under(path, "/api/recurring-tickets")) {
            return Optional.of(read ? DESIGN_READ : DESIGN_WRITE);
        }
        if (under(path, "/api/reports")) {
            return read ? Optional.of(REPORTS_READ) : Optional.empty();
        }
        if (under(path, "/api/users") || under(path, "/api/groups")) {
            return read ? Optional.of(DIRECTORY_READ) : Optional.empty();
        }
        if (under(path, "/api/organisations")) {
            return Optional.of(read ? DIRECTORY_READ : ADMIN_WRITE);
        }
        if (under(path, "/api/contacts")) {
            return Optional.of(read ? DIRECTORY_READ : TICKETS_WRITE);
        }
        if (under(path, "/api/admin")) {
            return Optional.of(read ? ADMIN_READ : ADMIN_WRITE);
        }
        return Optional.empty();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + ".");
    }
}
