package dev.flowdesk.passwordreset;

import dev.flowdesk.web.StrictBody;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The password reset API, open without sign-in (SecurityConfig): {@code POST /api/password-reset {login}} asks for a
 * link (always 202 with the same body, or 429 when throttled); {@code GET /api/password-reset/{token}} says until when
 * a link works (for the page); {@code POST /api/password-reset/{token} {password}} sets the new password (204).
 */
@RestController
class PasswordResetController {

    /**
     * Every accepted request takes at least this long, whether a mail was written or nobody was found: the answer's
     * timing must not tell an existing account from an unknown one either.
     */
    static final Duration ANSWER_AFTER = Duration.ofMillis(400);

    private final PasswordResetRequests requests;
    private final PasswordResets resets;

    PasswordResetController(PasswordResetRequests requests, PasswordResets resets) {
        this.requests = requests;
        this.resets = resets;
    }

    @StrictBody
    record ResetRequest(String login) {
    }

    @StrictBody
    record NewPassword(String password) {
    }

    record Accepted(String detail) {
    }

    record Validity(boolean valid, Instant expiresAt) {
    }

    @PostMapping("/api/password-reset")
    ResponseEntity<?> request(@RequestBody(required = false) ResetRequest body, HttpServletRequest http)
            throws InterruptedException {
        long started = System.nanoTime();
        Optional<Duration> wait = requests.request(body == null ? null : body.login(), http.getRemoteAddr());
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many password reset requests for this login or from this address; try again later.");
            problem.setInstance(URI.create(http.getRequestURI()));
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(seconds))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        // after the transaction committed, so the wait holds no database connection
        long left = ANSWER_AFTER.toNanos() - (System.nanoTime() - started);
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted("If an account with this user id or"
                + " e-mail address may reset its password, a mail with a link is on its way."));
    }

    @GetMapping("/api/password-reset/{token}")
    Validity validity(@PathVariable String token) {
        return new Validity(true, resets.validUntil(token));
    }

    @PostMapping("/api/password-reset/{token}")
    ResponseEntity<Void> reset(@PathVariable String token, @RequestBody(required = false) NewPassword body) {
        resets.reset(token, body == null ? null : body.password());
        return ResponseEntity.noContent().build();
    }
}
