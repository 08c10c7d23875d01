package dev.flowdesk.security.audit;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/security-events?kind=&actor=&page=&size=}: the security audit, newest first (admins). */
@RestController
class SecurityEventController {

    private final SecurityEvents events;

    SecurityEventController(SecurityEvents events) {
        this.events = events;
    }

    @GetMapping("/api/admin/security-events")
    PageResponse<SecurityEvents.SecurityEvent> list(@RequestParam(required = false) String kind,
                                                    @RequestParam(required = false) String actor,
                                                    @RequestParam(defaultValue = "0") int page,
                                                    @RequestParam(defaultValue = "50") int size) {
        CurrentUsers.require().requireAny("Only administrators read the security audit.");
        return events.page(kind(kind), actor, page, size);
    }

    private static SecurityEventKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return null;
        }
        try {
            return SecurityEventKind.valueOf(kind.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("kind", "is none of "
                    + java.util.Arrays.toString(SecurityEventKind.values()));
        }
    }
}
