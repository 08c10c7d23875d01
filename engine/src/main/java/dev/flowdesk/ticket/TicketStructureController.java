package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** Links, merge, closing outside the process, and work time: what agents do to a ticket beside its process. */
@RestController
@RequestMapping("/api/tickets/{id}")
class TicketStructureController {

    private final TicketStructure structure;
    private final TimeEntries time;
    private final TicketQueries queries;

    TicketStructureController(TicketStructure structure, TimeEntries time, TicketQueries queries) {
        this.structure = structure;
        this.time = time;
        this.queries = queries;
    }

    record LinkRequest(String type, Long ticketId) {
    }

    record MergeRequest(Long into, Long version) {
    }

    record CloseRequest(String reason) {
    }

    record TimeRequest(Integer minutes, String activity, String note, Instant workedAt) {
    }

    /** {@code {"type":"RELATES_TO|DUPLICATE_OF|CAUSED_BY|PARENT_OF","ticketId":..}} → the ticket's links. */
    @PostMapping("/links")
    @ResponseStatus(HttpStatus.CREATED)
    List<TicketViews.LinkView> link(@PathVariable long id, @RequestBody LinkRequest body) {
        structure.link(id, body.type(), body.ticketId(), CurrentUsers.require());
        return queries.get(id, CurrentUsers.require()).links();
    }

    /** Merges this ticket into {@code into}; answers the target as it is now. */
    @PostMapping("/merge")
    TicketDetail merge(@PathVariable long id, @RequestBody MergeRequest body) {
        Ticket target = structure.merge(id, body.into(), body.version(), CurrentUsers.require());
        return queries.get(target.getId(), CurrentUsers.require());
    }

    @PostMapping("/close")
    TicketDetail close(@PathVariable long id, @RequestBody CloseRequest body) {
        structure.close(id, body.reason(), CurrentUsers.require());
        return queries.get(id, CurrentUsers.require());
    }

    @PostMapping("/time")
    @ResponseStatus(HttpStatus.CREATED)
    TimeEntries.Entry recordTime(@PathVariable long id, @RequestBody TimeRequest body) {
        return time.record(id, body.minutes(), body.activity(), body.note(), body.workedAt(), CurrentUsers.require());
    }

    @GetMapping("/time")
    TimeEntries.Sheet time(@PathVariable long id) {
        return time.sheet(id, CurrentUsers.require());
    }
}
