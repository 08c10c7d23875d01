package dev.flowdesk.security;

import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import dev.flowdesk.security.totp.SecondFactors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The second step of a browser sign-in (issue 15 part 2). After the password, a user with a second factor (enrolled,
 * or required by her role) is <em>not</em> signed in: her verified password sign-in waits in the session and the
 * browser goes to {@code /login/totp}, a small page of our own (no script, under the app's CSP) that asks for the
 * app's code or a recovery code. A user whose role requires a second factor and who has none enrols there: the page
 * shows the QR code, her first code confirms it, and the recovery codes are shown once. Only then is the session
 * signed in, under a new session id. HTTP Basic cannot carry a second factor, so Basic requests of such users are
 * refused (401): their integrations use API tokens.
 */
final class SecondFactorSignIn extends OncePerRequestFilter implements AuthenticationSuccessHandler {

    static final String PENDING = SecondFactorSignIn.class.getName() + ".PENDING";
    private static final String PAGE = "/login/totp";

    private final SecondFactors factors;
    private final SecurityContextRepository contexts;
    private final ProblemResponse problems;
    private final SecurityEvents audit;
    private final AuthenticationSuccessHandler afterPassword = new SavedRequestAwareAuthenticationSuccessHandler();

    SecondFactorSignIn(SecondFactors factors, SecurityContextRepository contexts, ProblemResponse problems,
                       SecurityEvents audit) {
        this.factors = factors;
        this.audit = audit;
        this.contexts = contexts;
        this.problems = problems;
    }

    /** After a correct password in the login form: sign in, or ask for the second factor first. */
    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        if (!(authentication.getPrincipal() instanceof CurrentUser user) || !factors.needed(user)) {
            audit.record(SecurityEventKind.SIGN_IN, authentication.getName(), null, "password");
            afterPassword.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        request.getSession().setAttribute(PENDING, authentication);
        SecurityContext empty = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        SecurityContextHolder.getContextHolderStrategy().setContext(empty);
        contexts.saveContext(empty, request, response);
        response.sendRedirect(request.getContextPath() + PAGE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (PAGE.equals(path)) {
            secondStep(request, response);
            return;
        }
        if (BasicCredentialsOnly.hasBasicCredentials(request) && CurrentUsers.orNull() != null
                && factors.needed(CurrentUsers.orNull())) {
            SecurityContextHolder.clearContext();
            problems.write(request, response, 401, "This account signs in with a second factor, which HTTP Basic"
                    + " cannot carry; use an API token (Authorization: Bearer) instead.");
            return;
        }
        chain.doFilter(request, response);
    }

    private void secondStep(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        Authentication pending = session == null ? null : (Authentication) session.getAttribute(PENDING);
        if (pending == null || !(pending.getPrincipal() instanceof CurrentUser user)) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        boolean enrolled = factors.enrolled(user.id());
        if (!"POST".equals(request.getMethod())) {
            page(request, response, 200, enrolled ? null : factors.pendingOrNew(user), null, null);
            return;
        }
        String code = request.getParameter("code");
        Optional<Duration> wait = factors.throttled(user.id());
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds() + 1)));
            page(request, response, 429, null, "Too many wrong codes; try again in a few minutes.", null);
            return;
        }
        List<String> recoveryCodes = null;
        boolean accepted;
        if (enrolled) {
            accepted = factors.verify(user.id(), code).accepted();
        } else {
            Optional<List<String>> confirmed = factors.confirm(user.id(), code);
            accepted = confirmed.isPresent();
            recoveryCodes = confirmed.orElse(null);
        }
        if (!accepted) {
            audit.record(SecurityEventKind.SECOND_FACTOR_FAILED, user.id(), null, enrolled ? "sign-in" : "enrolment");
            page(request, response, 401, enrolled ? null : factors.pendingOrNew(user), "That code is not right.", null);
            return;
        }
        if (recoveryCodes != null) {
            audit.record(SecurityEventKind.SECOND_FACTOR_ENROLLED, user.id(), user.id(), "at sign-in (required)");
        }
        audit.record(SecurityEventKind.SIGN_IN, user.id(), null, "password and second factor");
        session.removeAttribute(PENDING);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
        context.setAuthentication(pending);
        SecurityContextHolder.getContextHolderStrategy().setContext(context);
        contexts.saveContext(context, request, response);
        if (recoveryCodes != null) {
            page(request, response, 200, null, null, recoveryCodes);
        } else {
            response.sendRedirect(request.getContextPath() + "/");
        }
    }

    /** The page: enrolment (QR code), the code field, or the recovery codes shown once. */
    private static void page(HttpServletRequest request, HttpServletResponse response, int status,
                             SecondFactors.Enrolment enrolment, String error, List<String> recoveryCodes)
            throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Flowdesk: second"
                + " factor</title><style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}"
                + "img{width:14rem;height:14rem}code{font-size:1.1rem}.error{color:#b00020}</style></head><body>");
        if (recoveryCodes != null) {
            html.append("<h1>Recovery codes</h1><p>Keep these ten codes somewhere safe. Each signs you in once if"
                    + " you lose your phone. They are not shown again.</p><ul>");
            recoveryCodes.forEach(c -> html.append("<li><code>").append(c).append("</code></li>"));
            html.append("</ul><p><a href=\"").append(request.getContextPath()).append("/\">Continue</a></p>");
        } else {
            html.append("<h1>Second factor</h1>");
            if (enrolment != null) {
                html.append("<p>Your role needs a second factor. Scan this code with an authenticator app, then enter"
                        + " the code it shows.</p><img alt=\"QR code\" src=\"data:image/svg+xml;base64,")
                        .append(java.util.Base64.getEncoder().encodeToString(
                                enrolment.qrSvg().getBytes(StandardCharsets.UTF_8)))
                        .append("\"><p>Or type this key: <code>").append(HtmlUtils.htmlEscape(enrolment.secret()))
                        .append("</code></p>");
            } else {
                html.append("<p>Enter the code of your authenticator app, or one of your recovery codes.</p>");
            }
            if (error != null) {
                html.append("<p class=\"error\" role=\"alert\">").append(HtmlUtils.htmlEscape(error)).append("</p>");
            }
            CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            html.append("<form method=\"post\" action=\"").append(request.getContextPath()).append(PAGE)
                    .append("\"><label>Code <input name=\"code\" autocomplete=\"one-time-code\" inputmode=\"numeric\""
                            + " autofocus required></label>");
            if (csrf != null) {
                html.append("<input type=\"hidden\" name=\"").append(HtmlUtils.htmlEscape(csrf.getParameterName()))
                        .append("\" value=\"").append(HtmlUtils.htmlEscape(csrf.getToken())).append("\">");
            }
            html.append(" <button type=\"submit\">Sign in</button></form>");
        }
        html.append("</body></html>");
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(html.toString());
    }
}
