package dev.flowdesk.workflow.migration;

import dev.flowdesk.security.CurrentUsers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Designers move open tickets to another version of their model: what is open where, a preview, the migration. */
@RestController
@RequestMapping("/api/processes")
class MigrationController {

    private final TicketMigrations migrations;

    MigrationController(TicketMigrations migrations) {
        this.migrations = migrations;
    }

    @GetMapping("/{key}/versions/open")
    List<TicketMigrations.OpenVersion> open(@PathVariable String key) {
        return migrations.openVersions(key, CurrentUsers.require());
    }

    @PostMapping("/migrations/preview")
    TicketMigrations.Report preview(@RequestBody MigrationRequest request) {
        return migrations.preview(request, CurrentUsers.require());
    }

    @PostMapping("/migrations")
    TicketMigrations.Report migrate(@RequestBody MigrationRequest request) {
        return migrations.migrate(request, CurrentUsers.require());
    }
}
