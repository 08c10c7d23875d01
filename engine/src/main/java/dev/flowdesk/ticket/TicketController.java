package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.HistoryEntry;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@code /api/tickets}: create (agents and API clients), list, read and history (whoever may see the ticket). */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    private final TicketService service;
    private final TicketQueries queries;

    TicketController(TicketService service, TicketQueries queries) {
        this.service = service;
        this.queries = queries;
    }

    /** Body of {@code POST /api/tickets}; any other field (status, id, tenant …) is refused naming it. */
    @dev.flowdesk.web.StrictBody
    record CreateTicketRequest(String type, String subject, String description, String requester, String impact,
                               String urgency, String category, String channel, Map<String, Object> fields) {
    }

    @PostMapping
    ResponseEntity<OpenedTicket> create(@RequestBody CreateTicketRequest body) {
        OpenedTicket opened = service.openDirectly(new NewTicket(body.type(), body.channel(), body.subject(),
                body.description(), body.requester(), body.impact(), body.urgency(), body.category(), body.fields(),
                null), CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/tickets/" + opened.ticketId())).body(opened);
    }

    @GetMapping
    PageResponse<TicketSummary> list(@RequestParam java.util.Map<String, String> params,
                                     @RequestParam(required = false) String sort,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "20") int size) {
        return queries.list(CurrentUsers.require(), TicketFilter.from(params), sort, page, size);
    }

    @GetMapping("/{id}")
    TicketDetail get(@PathVariable long id) {
        return queries.get(id, CurrentUsers.require());
    }

    /** Body of {@code PATCH /api/tickets/{id}}: the facts an agent may change; {@code version} guards against lost updates. */
    @dev.flowdesk.web.StrictBody
    record TicketChange(String impact, String urgency, Long version) {
    }

    /** An agent changes impact and/or urgency; the rules decide again (409 if the ticket changed meanwhile). */
    @PatchMapping("/{id}")
    TicketDetail change(@PathVariable long id, @RequestBody TicketChange change) {
        return service.reclassify(id, change.impact(), change.urgency(), change.version(), CurrentUsers.require());
    }

    @GetMapping("/{id}/history")
    List<HistoryEntry> history(@PathVariable long id) {
        return queries.history(id, CurrentUsers.require());
    }

}
