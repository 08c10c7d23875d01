package dev.flowdesk.privacy;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** {@code GET /api/me/export}: the caller's own data as a JSON download ({@link PersonalDataExport}). */
@RestController
class ExportController {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExportController.class);

    private final PersonalDataExport export;
    private final dev.flowdesk.security.audit.SecurityEvents audit;

    ExportController(PersonalDataExport export, dev.flowdesk.security.audit.SecurityEvents audit) {
        this.export = export;
        this.audit = audit;
    }

    @GetMapping("/api/me/export")
    ResponseEntity<Map<String, Object>> export() {
        CurrentUser user = CurrentUsers.require();
        LOG.info("Personal data export for {}", user.id());
        audit.record(dev.flowdesk.security.audit.SecurityEventKind.EXPORT, user.id(), user.id(),
                "personal data export (GDPR art. 15)");
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("flowdesk-export-" + user.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".json").build()
                .toString()).body(export.export(user));
    }
}
