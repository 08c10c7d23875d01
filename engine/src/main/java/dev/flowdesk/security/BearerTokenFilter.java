package dev.flowdesk.security;

import dev.flowdesk.security.token.ApiTokens;
import dev.flowdesk.security.token.TokenScope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Signs in a request that carries {@code Authorization: Bearer <token>} by that API token alone, statelessly: no
 * session is read or created ({@link BasicCredentialsOnly}), so there is no ambient credential for a forged
 * cross-site request to use and the CSRF check does not apply. The token acts as its owner (same groups and roles)
 * narrowed to its scopes: a request outside them answers 403 naming the scope it needs, an unknown, expired or revoked
 * token 401 with {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750). Tokens are accepted under
 * {@code /api} only, never for Camunda's REST API or web apps.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private final ApiTokens tokens;
    private final UserDirectory directory;
    private final SecurityContextRepository contexts;
    private final ProblemResponse problems;

    BearerTokenFilter(ApiTokens tokens, UserDirectory directory, SecurityContextRepository contexts,
                      ProblemResponse problems) {
        this.tokens = tokens;
        this.directory = directory;
        this.contexts = contexts;
        this.problems = problems;
    }

    /** The credentials of {@code Authorization: Bearer <credentials>}, or null when the request has none. */
    static String bearerCredentials(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        if (!trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String credentials = trimmed.substring(7).trim();
        return StringUtils.hasText(credentials) ? credentials : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = bearerCredentials(request);
        if (secret == null) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/")) {
            unauthorized(request, response, "API tokens are accepted under /api only.");
            return;
        }
        Optional<ApiTokens.Valid> token = tokens.authenticate(secret);
        Optional<CurrentUser> owner = token.flatMap(t -> directory.byId(t.userId()));
        if (owner.isEmpty()) {
            unauthorized(request, response, "The API token is unknown, expired or revoked.");
            return;
        }
        Optional<TokenScope> needed = TokenScope.requiredFor(request.getMethod(), path);
        if (needed.isEmpty()) {
            problems.write(request, response, 403, "API tokens cannot call " + request.getMethod() + " " + path
                    + "; sign in instead.");
            return;
        }
        if (!token.get().scopes().contains(needed.get())) {
            problems.write(request, response, 403, "This API token lacks the scope " + needed.get().value() + ".");
            return;
        }
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(new TokenAuthentication(owner.get(), token.get().id(), token.get().scopes()));
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"flowdesk\", error=\"invalid_token\"");
        problems.write(request, response, 401, detail);
    }

    /** A request signed in by an API token: the owner as principal, the owner's roles, the token's id and scopes. */
    static final class TokenAuthentication extends AbstractAuthenticationToken {
        private final CurrentUser owner;
        private final long tokenId;
        private final Set<TokenScope> scopes;

        TokenAuthentication(CurrentUser owner, long tokenId, Set<TokenScope> scopes) {
            super(owner.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
            this.owner = owner;
            this.tokenId = tokenId;
            this.scopes = Set.copyOf(scopes);
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return owner;
        }

        long tokenId() {
            return tokenId;
        }

        Set<TokenScope> scopes() {
            return scopes;
        }
    }
}
