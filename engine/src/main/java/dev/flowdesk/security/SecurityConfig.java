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
 *       files of the installable app (manifest, icons, service worker, offline page; no data in any of them).</li>
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
 *   <li>Errors under {@code /api} are {@code application/problem+json}: 401 when not signed in, 403 when the role
 *       is missing. Browsers (X-Requested-With, or a navigation accepting text/html) get no Basic challenge, so they
 *       never cache Basic credentials that a forged cross-site request could reuse.</li>
 * </ul>
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    private static final RequestMatcher API = new AntPathRequestMatcher("/api/**");

    /** The browser's session cookie ({@code server.servlet.session.cookie.name}, set in application.yml). */
    private final String sessionCookie;

    SecurityConfig(@org.springframework.beans.factory.annotation.Value("${server.servlet.session.cookie.name:JSESSIONID}")
                   String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, ObjectMapper mapper,
                                    CamundaIdentityAuthenticationProvider provider, ApiTokens tokens,
                                    UserDirectory directory) throws Exception {
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
        BearerTokenFilter bearer = new BearerTokenFilter(tokens, directory, contexts,
                (request, response, unauthorized, detail) -> writeProblem(mapper, response,
                        unauthorized ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN, detail, request));

        http.authenticationProvider(provider)
            .securityContext(context -> context.securityContextRepository(contexts))
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error",
                        "/api/docs", "/api/docs/**", "/favicon.ico", "/assets/**").permitAll()
                // The installable app (issue 10): browsers fetch the manifest and its icons without cookies, the
                // service worker's update check must not land on /login, and its offline page holds no data.
                .requestMatchers(org.springframework.http.HttpMethod.GET, "/manifest.webmanifest", "/sw.js",
                        "/offline.html", "/icons/**").permitAll()
                // Forms decide themselves whether they are anonymous (properties.access); FormCatalog enforces it.
                .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/forms", "/api/forms/*").permitAll()
                .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/forms/*/submissions").permitAll()
                // Files for such forms; Attachments caps what waits without sign-in, and only its uploader reads it.
                .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/attachments").permitAll()
                .requestMatchers("/engine-rest/**", "/camunda/**").hasRole(Role.ADMIN.name())
                .anyRequest().authenticated())
            .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint))
            .formLogin(form -> form.defaultSuccessUrl("/", false).permitAll())
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
                // credentials or fails (BasicCredentialsOnly); an API request without a session cookie carries no
                // ambient credentials that a forged request could use.
                .ignoringRequestMatchers(new AntPathRequestMatcher("/camunda/**"),
                        BasicCredentialsOnly::hasOwnCredentials,
                        request -> API.matches(request) && !hasSessionCookie(request)))
            .addFilterBefore(bearer, BasicAuthenticationFilter.class)
            .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class);
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
