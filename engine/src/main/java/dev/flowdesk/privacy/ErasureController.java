package dev.flowdesk.privacy;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.StrictBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;

/**
 * {@code POST /api/admin/people/{person}/erase} with {@code {"mode": "pseudonymise"|"erase", "dryRun": true}}:
 * administrators erase or pseudonymise a person named by user id or e-mail address ({@link PersonErasure}).
 */
@RestController
class ErasureController {

    private final PersonErasure erasure;

    ErasureController(PersonErasure erasure) {
        this.erasure = erasure;
    }

    @StrictBody
    record EraseRequest(String mode, Boolean dryRun) {
    }

    @PostMapping("/api/admin/people/{person}/erase")
    PersonErasure.Result erase(@PathVariable String person, @RequestBody(required = false) EraseRequest request) {
        var admin = CurrentUsers.require();
        admin.requireAny("Only administrators erase people.");
        return erasure.erase(person, mode(request == null ? null : request.mode()),
                request != null && Boolean.TRUE.equals(request.dryRun()), admin);
    }

    private static PersonErasure.Mode mode(String mode) {
        if (mode == null || mode.isBlank()) {
            throw DomainException.invalid("mode", "is required: pseudonymise or erase");
        }
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "pseudonymise", "pseudonymize" -> PersonErasure.Mode.PSEUDONYMISE;
            case "erase" -> PersonErasure.Mode.ERASE;
            default -> throw DomainException.invalid("mode", "must be pseudonymise or erase");
        };
    }
}
