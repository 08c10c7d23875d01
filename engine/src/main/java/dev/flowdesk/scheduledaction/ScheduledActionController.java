package dev.flowdesk.scheduledaction;

import dev.flowdesk.security.CurrentUsers;
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

/** {@code /api/scheduled-actions}: designers' scheduled actions with conditions and their run log. */
@RestController
@RequestMapping("/api/scheduled-actions")
class ScheduledActionController {

    private final ScheduledActions actions;

    ScheduledActionController(ScheduledActions actions) {
        this.actions = actions;
    }

    @GetMapping
    List<ScheduledActions.Definition> list() {
        return actions.list(CurrentUsers.require());
    }

    @GetMapping("/{id}")
    ScheduledActions.Definition get(@PathVariable long id) {
        return actions.get(id, CurrentUsers.require());
    }

    @PostMapping
    ResponseEntity<ScheduledActions.Definition> create(@RequestBody ScheduledActions.Draft draft) {
        ScheduledActions.Definition created = actions.create(draft, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/scheduled-actions/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    ScheduledActions.Definition update(@PathVariable long id, @RequestBody ScheduledActions.Draft draft) {
        return actions.update(id, draft, CurrentUsers.require());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        actions.delete(id, CurrentUsers.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/runs")
    List<ScheduledActions.Run> runs(@PathVariable long id) {
        return actions.runs(id, CurrentUsers.require());
    }
}
