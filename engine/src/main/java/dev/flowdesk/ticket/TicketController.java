package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.HistoryEntry;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.ApiException;
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

    TicketController(TicketService service) {
        this.service = service;
    }

    /** Body of {@code POST /api/tickets}. */
    record CreateTicketRequest(String type, String subject, String description, String requester, String impact,
                               String urgency, String category, String channel, Map<String, Object> fields) {
    }

    @PostMapping
    ResponseEntity<OpenedTicket> create(@RequestBody CreateTicketRequest body) {
        CurrentUser user = CurrentUsers.require();
        if (!user.isAgent()) {
            throw ApiException.forbidden("Only agents and API clients create tickets directly; use a form instead.");
        }
        String channel = body.channel() == null ? "API" : body.channel().toUpperCase(java.util.Locale.ROOT);
        if (!List.of("API", "PHONE", "WEB", "EMAIL").contains(channel)) {
            throw ApiException.invalid("channel", "must be API, PHONE, WEB or EMAIL");
        }
        String requester = body.requester() == null || body.requester().isBlank() ? user.id() : body.requester().strip();
        // Who approves is for the rules or a designer's form to say, not for whoever opens the ticket.
        Map<String, Object> fields = body.fields() == null ? Map.of() : new java.util.HashMap<>(body.fields());
        fields.keySet().removeAll(java.util.Set.of("approverGroup", "secondApproverGroup"));
        OpenedTicket opened = service.open(new NewTicket(body.type(), channel, body.subject(), body.description(),
                requester, body.impact(), body.urgency(), body.category(), fields, null), user);
        return ResponseEntity.created(URI.create("/api/tickets/" + opened.ticketId())).body(opened);
    }

    @GetMapping
    PageResponse<TicketSummary> list(@RequestParam(defaultValue = "all") String view,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String q,
                                     @RequestParam(required = false) String sort,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "20") int size) {
        return service.list(CurrentUsers.require(), view, status, q, sort, page, size);
    }

    @GetMapping("/{id}")
    TicketDetail get(@PathVariable long id) {
        return service.get(id, CurrentUsers.require());
    }

    /** Body of {@code PATCH /api/tickets/{id}}: the facts an agent may change; {@code version} guards against lost updates. */
    record TicketChange(String impact, String urgency, Long version) {
    }

    /** An agent changes impact and/or urgency; the rules decide again (409 if the ticket changed meanwhile). */
    @PatchMapping("/{id}")
    TicketDetail change(@PathVariable long id, @RequestBody TicketChange change) {
        return service.reclassify(id, change.impact(), change.urgency(), change.version(), CurrentUsers.require());
    }

    @GetMapping("/{id}/history")
    List<HistoryEntry> history(@PathVariable long id) {
        return service.history(id, CurrentUsers.require());
    }

}
