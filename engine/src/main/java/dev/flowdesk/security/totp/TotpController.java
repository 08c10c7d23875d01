package dev.flowdesk.security.totp;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.Map;

/**
 * {@code /api/me/totp}: a signed-in user enrols a second factor for herself (API tokens cannot: the path is in no
 * token scope), confirms it with a first code and receives ten recovery codes once; she switches it off with a
 * current code. Administrators reset a user's second factor when she lost both phone and recovery codes.
 */
@RestController
class TotpController {

    private final SecondFactors factors;
    private final SecurityEvents audit;

    TotpController(SecondFactors factors, SecurityEvents audit) {
        this.factors = factors;
        this.audit = audit;
    }

    @dev.flowdesk.web.StrictBody
    record CodeRequest(String code) {
    }

    @GetMapping("/api/me/totp")
    SecondFactors.Status status() {
        return factors.status(CurrentUsers.require());
    }

    @PostMapping("/api/me/totp")
    ResponseEntity<SecondFactors.Enrolment> start() {
        return ResponseEntity.status(HttpStatus.CREATED).body(factors.start(CurrentUsers.require()));
    }

    @PostMapping("/api/me/totp/confirm")
    ResponseEntity<?> confirm(@RequestBody CodeRequest request) {
        CurrentUser user = CurrentUsers.require();
        String code = required(request);
        var wait = factors.throttled(user.id());
        if (wait.isPresent()) {
            return tooMany(wait.get());
        }
        return factors.confirm(user.id(), code)
                .<ResponseEntity<?>>map(codes -> {
                    audit.record(SecurityEventKind.SECOND_FACTOR_ENROLLED, user.id(), user.id(), "by the user");
                    return ResponseEntity.ok(Map.of("recoveryCodes", codes));
                })
                .orElseThrow(() -> DomainException.invalid("code", "does not match the app's current code"));
    }

    @PostMapping("/api/me/totp/disable")
    ResponseEntity<?> disable(@RequestBody CodeRequest request) {
        CurrentUser user = CurrentUsers.require();
        SecondFactors.Check check = factors.verify(user.id(), required(request));
        if (check.retryAfter().isPresent()) {
            return tooMany(check.retryAfter().get());
        }
        if (!check.accepted()) {
            throw DomainException.invalid("code", "does not match the app's current code or a recovery code");
        }
        factors.remove(user.id());
        audit.record(SecurityEventKind.SECOND_FACTOR_REMOVED, user.id(), user.id(), "by the user");
        return ResponseEntity.ok(factors.status(user));
    }

    @DeleteMapping("/api/admin/users/{userId}/totp")
    Map<String, Object> reset(@PathVariable String userId) {
        CurrentUser admin = CurrentUsers.require();
        admin.requireAny("Only administrators reset second factors.");
        factors.remove(userId);
        audit.record(SecurityEventKind.SECOND_FACTOR_REMOVED, admin.id(), userId, "reset by an administrator");
        return Map.of("userId", userId, "enrolled", false);
    }

    private static String required(CodeRequest request) {
        if (request == null || request.code() == null || request.code().isBlank()) {
            throw DomainException.invalid("code", "is required");
        }
        return request.code();
    }

    private static ResponseEntity<ProblemDetail> tooMany(Duration wait) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many wrong codes for this account; try again later.");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(Math.max(1, wait.toSeconds() + 1)))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
