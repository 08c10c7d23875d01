package dev.flowdesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two request filters of {@link SignInThrottle}: one in front of every password sign-in (the login form and HTTP
 * Basic), one in front of anonymous form submissions and uploads. Both answer 429 with {@code Retry-After} in whole
 * seconds.
 */
final class ThrottleFilters {

    private static final Pattern SUBMISSION = Pattern.compile("/api/forms/[^/]+/submissions");

    private ThrottleFilters() {
    }

    /** Runs before authentication: refuses a password sign-in while the account or the address is throttled. */
    static final class SignIns extends OncePerRequestFilter {
        private final SignInThrottle throttle;
        private final ProblemResponse problems;

        SignIns(SignInThrottle throttle, ProblemResponse problems) {
            this.throttle = throttle;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String account = null;
            boolean signIn = false;
            if ("POST".equals(request.getMethod()) && "/login".equals(path(request))) {
                signIn = true;
                account = request.getParameter("username");
            } else if (BasicCredentialsOnly.hasBasicCredentials(request)) {
                signIn = true;
                account = basicUser(request.getHeader("Authorization"));
            }
            if (signIn) {
                Optional<Duration> wait = throttle.signInWait(account, request.getRemoteAddr());
                if (wait.isPresent()) {
                    tooMany(request, response, problems, wait.get(),
                            "Too many failed sign-ins for this account or from this address; try again later.");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** Runs after authentication: limits what callers without a sign-in may submit per address. */
    static final class AnonymousSubmissions extends OncePerRequestFilter {
        private final SignInThrottle throttle;
        private final ProblemResponse problems;

        AnonymousSubmissions(SignInThrottle throttle, ProblemResponse problems) {
            this.throttle = throttle;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = path(request);
            boolean submission = "POST".equals(request.getMethod())
                    && (SUBMISSION.matcher(path).matches() || "/api/attachments".equals(path));
            if (submission && CurrentUsers.orNull() == null) {
                Optional<Duration> wait = throttle.anonymousSubmission(request.getRemoteAddr());
                if (wait.isPresent()) {
                    tooMany(request, response, problems, wait.get(),
                            "Too many submissions without sign-in from this address; try again later or sign in.");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    private static void tooMany(HttpServletRequest request, HttpServletResponse response, ProblemResponse problems,
                                Duration wait, String detail) throws IOException {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        response.setHeader("Retry-After", Long.toString(seconds));
        problems.write(request, response, 429, detail);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static String basicUser(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.trim().substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
