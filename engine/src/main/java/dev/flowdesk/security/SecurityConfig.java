package dev.flowdesk.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

import dev.flowdesk.security.token.ApiTokens;
import dev.flowdesk.web.ProblemWriter;

/**
 * Every security-relevant switch of Flowdesk, in one place.
 * <ul>
 *   <li>Deny by default: everything needs a signed-in user except health, the login page, the API docs and the static
 *       files of the installable app (manifest, icons, service worker, offline page; no data in any of them), and the
 *       password reset page with its API (issue 15 part 2; {@code passwordreset}, {@link ForgotPasswordLink}).</li>
 *   <li>Camunda's own REST API ({@code /engine-rest}) and web apps ({@code /camunda}) are for administrators only:
 *       Camunda 7 CE gets no more security fixes, and its task-query expressions carry a known advisory.</li>
 *   <li>API clients use HTTP Basic; the browser uses form login with a session cookie (SameSite=Lax; the session is
 *       stored in the database by Spring Session JDBC, so any node continues it) and a CSRF
 *       token in the {@code XSRF-TOKEN} cookie, echoed as the {@code X-XSRF-TOKEN} header. A request that carries
 *       HTTP Basic credentials is signed in by those credentials alone, never by the session beside it
 *       ({@link BasicCredentialsOnly}), so it either authenticates itself or fails with 401; only such requests
 *       skip the CSRF check. API tokens ({@code Authorization: Bearer fdt_…}, {@link BearerTokenFilter}) are
 *       stateless the same way: the token alone signs the request in or it answers 401, the session beside it is
 *       never read, and its scopes narrow what the owner's role allows (403 outside them). Any other
 *       {@code Authorization} header changes nothing: the session and CSRF apply.</li>
 *   <li>Sign-in sources (issue 15): local accounts (Camunda's identity service) first, then an LDAP/AD directory
 *       ({@link LdapSignIn}, when {@code flowdesk.ldap.url} is set), and OpenID Connect in the browser
 *       ({@link OidcSignIn}, when a {@code spring.security.oauth2.client.registration} exists); the latter two make
 *       ordinary Camunda users ({@link ExternalAccounts}). After a password in the login form, users with a second
 *       factor (enrolled, or required by {@code flowdesk.security.totp.required-roles}) are signed in only once
 *       {@code /login/totp} accepted their code ({@link SecondFactorSignIn}); their HTTP Basic requests answer
 *       401.</li>
 *   <li>Errors under {@code /api} are {@code application/problem+json}: 401 when not signed in, 403 when the role
 *       is missing. Browsers (X-Requested-With, or a navigation accepting text/html) get no Basic challenge, so they
 *       never cache Basic credentials that a forged cross-site request could reuse.</li>
 * </ul>
 */
@Configuration
@EnableWebSecurity
@org.springframework.boot.context.properties.EnableConfigurationProperties({LdapProperties.class,
        OidcProperties.class})
class SecurityConfig {

    private static final RequestMatcher API = new AntPathRequestMatcher("/api/**");

    /**
     * The browser app's Content-Security-Policy (issue 15 part 7): scripts only from our own origin, no inline script
     * and no {@code eval} (formio.js runs with {@code Evaluator.noeval}, see modeler-ui/src/ui/formio-noeval.ts;
     * bpmn-js needs neither). One relaxation, {@code style-src 'unsafe-inline'}: bpmn-js, its properties panel and
     * formio.js build their DOM from HTML strings carrying {@code style} attributes, and a style cannot run script.
     * {@code data:} images are the app's inline favicon and formio's signature pad; {@code blob:} serves downloads
     * and previews the app builds itself. Camunda's web apps send their own policy and are left out.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** Browser features the app never uses, switched off for it and for anything injected into it. */
    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
            + "publickey-credentials-get=(), usb=(), interest-cohort=()";

    /** The browser's session cookie ({@code server.servlet.session.cookie.name}, set in application.yml). */
    private final String sessionCookie;

    SecurityConfig(@org.springframework.beans.factory.annotation.Value("${server.servlet.session.cookie.name:JSESSIONID}")
                   String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    /**
     * No Micrometer observations of the security filter chain: every filter was wrapped in an observation for every
     * request (about 7 % of a form submission's CPU), and Flowdesk exposes no metrics endpoint that would show them.
     * Sign-in failures and successes are recorded by Flowdesk's own security events.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, ObjectMapper mapper,
                                    CamundaIdentityAuthenticationProvider provider, ApiTokens tokens,
                                    UserDirectory directory, SignInThrottle throttle, LdapProperties ldap,
                                    ExternalAccounts accounts, java.time.Clock clock, OidcProperties oidc,
                                    dev.flowdesk.security.totp.SecondFactors factors,
                                    dev.flowdesk.security.audit.SecurityEvents audit,
                                    org.springframework.beans.factory.ObjectProvider<org.springframework.security
                                            .oauth2.client.registration.ClientRegistrationRepository> registrations)
            throws Exception {
        AuthenticationEntryPoint apiEntryPoint = (request, response, ex) -> {
            String accept = request.getHeader("Accept");
            boolean browser = "XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
                    || (accept != null && accept.contains("text/html"));
            if (!browser) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"flowdesk\"");
            }
            writeProblem(mapper, response, HttpStatus.UNAUTHORIZED, "Sign in first (HTTP Basic or a session).", request);
        };
        AuthenticationEntryPoint browserEntryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        AccessDeniedHandler denied = (request, response, ex) -> writeProblem(mapper, response, HttpStatus.FORBIDDEN,
                "Your role does not allow this action.", request);

        BasicCredentialsOnly contexts = new BasicCredentialsOnly();
        ProblemResponse problems = (request, response, status, detail) -> writeProblem(mapper, response,
                HttpStatus.valueOf(status), detail, request);
        BearerTokenFilter bearer = new BearerTokenFilter(tokens, directory, contexts, problems);
        SecondFactorSignIn secondFactor = new SecondFactorSignIn(factors, contexts, problems, audit);

        http.authenticationProvider(provider);
        if (ldap.enabled()) {
            // tried after the local accounts: a local user keeps signing in when the directory is down
            http.authenticationProvider(new LdapSignIn(ldap, accounts,
                    new VerifiedSignIns(provider.cacheTtl(), clock)));
        }
        if (registrations.getIfAvailable() != null) {
            // Browser sign-in through an identity provider, offered on the login page beside the password form;
            // unauthenticated requests still go to /login (browsers) or get 401 (API), never straight to the provider.
            OidcSignIn signIn = new OidcSignIn(oidc, accounts, contexts, audit);
            http.oauth2Login(login -> login
                    .userInfoEndpoint(info -> info.oidcUserService(signIn))
                    .successHandler(signIn));
        }
        http
            .securityContext(context -> context.securityContextRepository(contexts))
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error",
                        "/api/docs", "/api/docs/**", "/favicon.ico", "/assets/**").permitAll()
                // The installable app (issue 10): browsers fetch the manifest and its icons without cookies, the
                // service worker's update check must not land on /login, and its offline page holds no data.
                .requestMatchers(org.springframework.http.HttpMethod.GET, "/manifest.webmanifest", "/sw.js",
                        "/offline.html", "/offline.js", "/icons/**").permitAll()
                // Forms decide themselves whether they are anonymous (properties.access); FormCatalog enforces it.
                .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/forms", "/api/forms/*").permitAll()
                .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/forms/*/submissions").permitAll()
                // Files for such forms; Attachments caps what waits without sign-in, and only its uploader reads it.
                .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/attachments").permitAll()
                // "Forgot password?" (issue 15 part 2): the reset page and its API; passwordreset.PasswordResetRequests
                // answers alike whether an account exists and throttles per login and per address
                .requestMatchers(org.springframework.http.HttpMethod.GET, ForgotPasswordLink.PAGE).permitAll()
                .requestMatchers("/api/password-reset", "/api/password-reset/*").permitAll()
                .requestMatchers("/engine-rest/**", "/camunda/**").hasRole(Role.ADMIN.name())
                // administration (mail, tokens for service accounts …): refused before any body is read, so a
                // non-administrator learns nothing from how a malformed request would have been answered
                .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                .anyRequest().authenticated())
            // Spring's defaults stay (nosniff, X-Frame-Options DENY, no-store for API answers, HSTS on secure
            // requests only, i.e. behind TLS or a proxy that says so); the policies below are added.
            .headers(headers -> headers
                .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                .referrerPolicy(referrer -> referrer.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy
                                .SAME_ORIGIN))
                .addHeaderWriter(new org.springframework.security.web.header.writers.StaticHeadersWriter(
                        "Permissions-Policy", PERMISSIONS_POLICY))
                .addHeaderWriter(new org.springframework.security.web.header.writers
                        .DelegatingRequestMatcherHeaderWriter(
                        request -> !new AntPathRequestMatcher("/camunda/**").matches(request),
                        new org.springframework.security.web.header.writers.StaticHeadersWriter(
                                "Content-Security-Policy", CONTENT_SECURITY_POLICY))))
            .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint))
            // after the password, users with a second factor go to /login/totp before they are signed in
            .formLogin(form -> form.successHandler(secondFactor).permitAll())
            // Default logout: back to the generated login page, which then says "You have been signed out".
            .exceptionHandling(ex -> ex
                .defaultAuthenticationEntryPointFor(apiEntryPoint, API)
                .defaultAuthenticationEntryPointFor(apiEntryPoint, new AntPathRequestMatcher("/engine-rest/**"))
                .defaultAuthenticationEntryPointFor(browserEntryPoint, request -> true)
                .defaultAccessDeniedHandlerFor(denied, API)
                .defaultAccessDeniedHandlerFor(denied, request -> true))
            .csrf(csrf -> csrf
                .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                // Camunda's web apps bring their own CSRF filter; a Basic request authenticates by its own
                // credentials or fails (BasicCredentialsOnly), and so does an API request with a bearer token
                // (BearerTokenFilter, /api only); an API request without a session cookie carries no ambient
                // credentials that a forged request could use.
                .ignoringRequestMatchers(new AntPathRequestMatcher("/camunda/**"),
                        BasicCredentialsOnly::hasBasicCredentials,
                        request -> API.matches(request) && (BearerTokenFilter.bearerCredentials(request) != null
                                || !hasSessionCookie(request))))
            .addFilterBefore(new ForgotPasswordLink(),
                    org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter.class)
            .addFilterBefore(new ThrottleFilters.SignIns(throttle, problems),
                    org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
            .addFilterBefore(bearer, BasicAuthenticationFilter.class)
            .addFilterAfter(new ThrottleFilters.AnonymousSubmissions(throttle, problems),
                    org.springframework.security.web.authentication.AnonymousAuthenticationFilter.class)
            .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
            .addFilterAfter(secondFactor, BasicAuthenticationFilter.class);
        return http.build();
    }

    private boolean hasSessionCookie(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return false;
        }
        for (var cookie : request.getCookies()) {
            if (sessionCookie.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }

    static void writeProblem(ObjectMapper mapper, HttpServletResponse response, HttpStatus status, String detail,
                             HttpServletRequest request) throws IOException {
        ProblemWriter.write(mapper, request, response, status, detail, java.util.List.of());
    }

    /** Loads the deferred CSRF token on every request so the XSRF-TOKEN cookie reaches the single-page app. */
    static final class CsrfCookieFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
