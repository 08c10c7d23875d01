package dev.flowdesk.ticket;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/reports/rollup} (administrators, as all of {@code /api/admin}): the state of the report roll-up,
 * and a rebuild after tickets were changed by SQL past the application. The rebuild is asynchronous: reports are
 * computed live at once, and the next run of the clustered job builds the roll-up anew (202).
 */
@RestController
class ReportRollupController {

    private final ReportRollup rollup;

    ReportRollupController(ReportRollup rollup) {
        this.rollup = rollup;
    }

    @GetMapping("/api/admin/reports/rollup")
    ReportRollup.State state() {
        return rollup.state();
    }

    @PostMapping("/api/admin/reports/rollup/rebuild")
    ResponseEntity<ReportRollup.State> rebuild() {
        return ResponseEntity.accepted().body(rollup.requestRebuild());
    }
}
