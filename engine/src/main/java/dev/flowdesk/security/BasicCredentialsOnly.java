package dev.flowdesk.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.StringUtils;

/**
 * Where a request's signed-in user comes from: a request that carries HTTP Basic credentials never borrows the
 * session's user. Without this, Spring's Basic filter skips the password check when the session already holds a
 * user of the same name, and a request with a wrong password (or a malformed header) would run as the session's
 * user while skipping CSRF. Now such a request is either authenticated by its own credentials or answered 401.
 * A request with an API token ({@code Bearer}) is stateless in the same way. Every other request uses the session
 * (browser) or nothing, as Spring Security does by default.
 */
final class BasicCredentialsOnly implements SecurityContextRepository {

    private final SecurityContextRepository withSession = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    private final SecurityContextRepository requestOnly = new RequestAttributeSecurityContextRepository();

    /** Whether the request carries credentials of the Basic scheme ({@code Authorization: Basic <token>}). */
    static boolean hasBasicCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return false;
        }
        String trimmed = header.trim();
        return trimmed.regionMatches(true, 0, "Basic ", 0, 6) && StringUtils.hasText(trimmed.substring(6));
    }

    /**
     * Whether the request signs itself in: HTTP Basic, or an API token ({@code Bearer}, {@link BearerTokenFilter}).
     * Such a request never reads or writes the session.
     */
    static boolean hasOwnCredentials(HttpServletRequest request) {
        return hasBasicCredentials(request) || BearerTokenFilter.bearerCredentials(request) != null;
    }

    private SecurityContextRepository repositoryFor(HttpServletRequest request) {
        return hasOwnCredentials(request) ? requestOnly : withSession;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return repositoryFor(request).loadDeferredContext(request);
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder requestResponseHolder) {
        return loadDeferredContext(requestResponseHolder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        repositoryFor(request).saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return repositoryFor(request).containsContext(request);
    }
}
