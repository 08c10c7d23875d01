package dev.flowdesk.workflow.dryrun;

import dev.flowdesk.security.CurrentUsers;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/processes/dry-run}: a designer runs a draft model on a sample ticket; nothing is stored. */
@RestController
class DryRunController {

    private final DryRun dryRun;

    DryRunController(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    @PostMapping("/api/processes/dry-run")
    DryRun.Result run(@RequestBody DryRunRequest request) {
        return dryRun.run(request, CurrentUsers.require());
    }
}
