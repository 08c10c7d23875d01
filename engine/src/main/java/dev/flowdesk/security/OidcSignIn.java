package dev.flowdesk.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Browser sign-in through an OpenID Connect provider (authorization-code flow, Spring Security's OAuth2 client).
 * After Spring has exchanged the code and checked the ID token (signature, issuer, audience, nonce, expiry), the
 * claims go through {@link OidcProperties} to {@link ExternalAccounts}: the user becomes an ordinary Camunda user
 * with the mapped groups. The session then holds the same {@link CurrentUser} a password sign-in gives, so the rest
 * of Flowdesk cannot tell the two apart. API clients are untouched: they keep HTTP Basic and API tokens.
 */
final class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser>, AuthenticationSuccessHandler {

    private final OidcProperties properties;
    private final ExternalAccounts accounts;
    private final SecurityContextRepository contexts;
    private final dev.flowdesk.security.audit.SecurityEvents audit;
    private final OidcUserService claims = new OidcUserService();

    OidcSignIn(OidcProperties properties, ExternalAccounts accounts, SecurityContextRepository contexts,
               dev.flowdesk.security.audit.SecurityEvents audit) {
        this.audit = audit;
        this.properties = properties;
        this.accounts = accounts;
        this.contexts = contexts;
    }

    /** The provider's user, carrying the Flowdesk user her claims map to. */
    static final class SignedIn extends DefaultOidcUser {
        private final CurrentUser user;

        SignedIn(OidcUser oidc, CurrentUser user) {
            super(oidc.getAuthorities(), oidc.getIdToken(), oidc.getUserInfo());
            this.user = user;
        }

        CurrentUser user() {
            return user;
        }
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = claims.loadUser(request);
        String userId = claim(oidc, properties.userIdClaim());
        if (userId == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user",
                    "The identity provider sent no " + properties.userIdClaim() + " claim.", null));
        }
        Set<String> mapped = new HashSet<>();
        for (String group : groups(oidc.getClaims().get(properties.groupsClaim()))) {
            mapped.addAll(properties.groupMapping().getOrDefault(group, List.of()));
        }
        String source = "oidc:" + request.getClientRegistration().getRegistrationId();
        try {
            CurrentUser user = accounts.signIn(new ExternalAccounts.ExternalIdentity(source, userId,
                    oidc.getGivenName(), oidc.getFamilyName(), oidc.getEmail(), mapped,
                    properties.managedGroups()));
            return new SignedIn(oidc, user);
        } catch (org.springframework.security.core.AuthenticationException refused) {
            throw new OAuth2AuthenticationException(new OAuth2Error("account_refused",
                    "This account cannot sign in through " + source + ".", null), refused);
        }
    }

    /** Replaces the provider's token by the Flowdesk user, in the session, and goes to the app. */
    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        if (authentication.getPrincipal() instanceof SignedIn signedIn) {
            CurrentUser user = signedIn.user();
            SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                    user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
            SecurityContextHolder.getContextHolderStrategy().setContext(context);
            contexts.saveContext(context, request, response);
            audit.record(dev.flowdesk.security.audit.SecurityEventKind.SIGN_IN, user.id(), null,
                    identitySource(authentication));
        }
        response.sendRedirect(request.getContextPath() + "/");
    }

    private static String identitySource(Authentication authentication) {
        return authentication instanceof org.springframework.security.oauth2.client.authentication
                .OAuth2AuthenticationToken token ? "oidc:" + token.getAuthorizedClientRegistrationId() : "oidc";
    }

    private static String claim(OidcUser oidc, String name) {
        Object value = oidc.getClaims().get(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static Collection<String> groups(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(claim.toString().split("[,\\s]+"));
    }
}
