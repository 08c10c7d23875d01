package dev.flowdesk.sla;

import dev.flowdesk.security.CurrentUsers;
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

/** {@code /api/calendars}: business calendars (hours per weekday, holidays, time zone) and the queues they serve. */
@RestController
@RequestMapping("/api/calendars")
class CalendarController {

    private final CalendarAdmin calendars;

    CalendarController(CalendarAdmin calendars) {
        this.calendars = calendars;
    }

    @GetMapping
    List<CalendarAdmin.CalendarView> list() {
        return calendars.list(CurrentUsers.require());
    }

    @GetMapping("/{id}")
    CalendarAdmin.CalendarView get(@PathVariable long id) {
        return calendars.get(id, CurrentUsers.require());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CalendarAdmin.CalendarView create(@RequestBody CalendarAdmin.Draft draft) {
        return calendars.create(draft, CurrentUsers.require());
    }

    @PutMapping("/{id}")
    CalendarAdmin.CalendarView update(@PathVariable long id, @RequestBody CalendarAdmin.Draft draft) {
        return calendars.update(id, draft, CurrentUsers.require());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        calendars.delete(id, CurrentUsers.require());
    }
}
