package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/tickets/{id}/viewers}: presence on the ticket page (agents only, inside the ticket's scope). POST is
 * the page's heartbeat and answers who else has the ticket open; GET only asks; DELETE says the page was closed.
 */
@RestController
@RequestMapping("/api/tickets/{id}/viewers")
class TicketViewerController {

    private final TicketViewers viewers;

    TicketViewerController(TicketViewers viewers) {
        this.viewers = viewers;
    }

    @PostMapping
    TicketViewers.Presence seen(@PathVariable long id) {
        return viewers.seen(id, CurrentUsers.require());
    }

    @GetMapping
    TicketViewers.Presence of(@PathVariable long id) {
        return viewers.of(id, CurrentUsers.require());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void left(@PathVariable long id) {
        viewers.left(id, CurrentUsers.require());
    }
}
