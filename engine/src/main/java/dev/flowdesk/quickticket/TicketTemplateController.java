package dev.flowdesk.quickticket;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * {@code /api/ticket-templates}: agents list the templates and open a caller's ticket from one
 * ({@code POST /{id}/tickets}); designers write them.
 */
@RestController
@RequestMapping("/api/ticket-templates")
class TicketTemplateController {

    private final TicketTemplates templates;

    TicketTemplateController(TicketTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    List<TicketTemplates.Template> list() {
        return templates.list(CurrentUsers.require());
    }

    @GetMapping("/{id}")
    TicketTemplates.Template get(@PathVariable long id) {
        return templates.get(id, CurrentUsers.require());
    }

    @PostMapping
    ResponseEntity<TicketTemplates.Template> create(@RequestBody TicketTemplates.Draft draft) {
        TicketTemplates.Template created = templates.create(draft, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/ticket-templates/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    TicketTemplates.Template update(@PathVariable long id, @RequestBody TicketTemplates.Draft draft) {
        return templates.update(id, draft, CurrentUsers.require());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        templates.delete(id, CurrentUsers.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/tickets")
    ResponseEntity<OpenedTicket> open(@PathVariable long id, @RequestBody TicketTemplates.Opening opening) {
        OpenedTicket opened = templates.open(id, opening, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/tickets/" + opened.ticketId())).body(opened);
    }
}
