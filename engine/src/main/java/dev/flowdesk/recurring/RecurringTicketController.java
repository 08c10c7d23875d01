package dev.flowdesk.recurring;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code /api/recurring-tickets}: designers' recurring tickets, their next times and runs, and "run now". */
@RestController
@RequestMapping("/api/recurring-tickets")
class RecurringTicketController {

    private final RecurringTickets recurring;

    RecurringTicketController(RecurringTickets recurring) {
        this.recurring = recurring;
    }

    @GetMapping
    List<RecurringTickets.Definition> list() {
        return recurring.list(CurrentUsers.require());
    }

    @GetMapping("/{id}")
    RecurringTickets.Definition get(@PathVariable long id) {
        return recurring.get(id, CurrentUsers.require());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RecurringTickets.Definition create(@RequestBody RecurringTickets.Draft draft) {
        return recurring.create(draft, CurrentUsers.require());
    }

    @PutMapping("/{id}")
    RecurringTickets.Definition update(@PathVariable long id, @RequestBody RecurringTickets.Draft draft) {
        return recurring.update(id, draft, CurrentUsers.require());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        recurring.delete(id, CurrentUsers.require());
    }

    @GetMapping("/{id}/runs")
    List<RecurringTickets.Run> runs(@PathVariable long id) {
        return recurring.runs(id, CurrentUsers.require());
    }

    @PostMapping("/{id}/run")
    @ResponseStatus(HttpStatus.CREATED)
    OpenedTicket runNow(@PathVariable long id) {
        return recurring.runNow(id, CurrentUsers.require());
    }
}
