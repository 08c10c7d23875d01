package dev.flowdesk.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the {@link CurrentUser} of the request being served. */
public final class CurrentUsers {

    private CurrentUsers() {
    }

    /** The signed-in user, or null for an anonymous request (only on endpoints that allow anonymous callers). */
    public static CurrentUser orNull() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser user ? user : null;
    }

    public static CurrentUser require() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            return user;
        }
        throw new AuthenticationCredentialsNotFoundException("not signed in");
    }
}
