package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.HistoryEntry;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@code /api/tickets}: create (agents and API clients), list, read and history (whoever may see the ticket). */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    private final TicketService service;
    private final TicketQueries queries;
    private final TicketLiveTags tags;

    TicketController(TicketService service, TicketQueries queries, TicketLiveTags tags) {
        this.service = service;
        this.queries = queries;
        this.tags = tags;
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

    /** A page of tickets with its entity tag; {@code If-None-Match} with the current tag answers 304. */
    @GetMapping
    ResponseEntity<PageResponse<TicketSummary>> list(@RequestParam java.util.Map<String, String> params,
                                                     @RequestParam(required = false) String sort,
                                                     @RequestParam(defaultValue = "0") int page,
                                                     @RequestParam(defaultValue = "20") int size,
                                                     WebRequest request) {
        CurrentUser user = CurrentUsers.require();
        TicketFilter filter = TicketFilter.from(params);
        PageResponse<TicketSummary> answer = queries.list(user, filter, sort, page, size);
        String tag = tags.list(user, filter, sort, answer);
        if (request.checkNotModified(tag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        return ResponseEntity.ok().eTag(tag).body(answer);
    }

    /** One ticket with its entity tag (the browser polls it while the ticket page is open). */
    @GetMapping("/{id}")
    ResponseEntity<TicketDetail> get(@PathVariable long id, WebRequest request) {
        CurrentUser user = CurrentUsers.require();
        String tag = tags.ticket(id, user);
        if (request.checkNotModified(tag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        return ResponseEntity.ok().eTag(tag).body(queries.get(id, user));
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
