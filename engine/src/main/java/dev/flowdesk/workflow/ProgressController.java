package dev.flowdesk.workflow;

import dev.flowdesk.security.CurrentUsers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/tickets/{id}/progress}: where the ticket stands in its model (and the models it called). */
@RestController
class ProgressController {

    private final ProcessProgress progress;

    ProgressController(ProcessProgress progress) {
        this.progress = progress;
    }

    @GetMapping("/api/tickets/{id}/progress")
    ProcessProgress.Progress progress(@PathVariable long id) {
        return progress.ofTicket(id, CurrentUsers.require());
    }
}
