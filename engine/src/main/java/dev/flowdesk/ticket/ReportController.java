package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/reports/overview} (JSON) and {@code /api/reports/overview.csv}: the desk's figures for a period,
 * {@code from} and {@code to} as ISO dates (UTC days, {@code to} exclusive; default the last 30 days), optionally one
 * {@code queue}.
 */
@RestController
class ReportController {

    private final TicketReports reports;

    ReportController(TicketReports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/reports/overview")
    TicketReports.Overview overview(@RequestParam(required = false) String from,
                                    @RequestParam(required = false) String to,
                                    @RequestParam(required = false) String queue) {
        return reports.overview(date(from, "from"), date(to, "to"), queue, CurrentUsers.require());
    }

    @GetMapping(path = "/api/reports/overview.csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String queue) {
        TicketReports.Overview overview = reports.overview(date(from, "from"), date(to, "to"), queue,
                CurrentUsers.require());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"flowdesk-report-"
                        + overview.from() + "-" + overview.to() + ".csv\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(reports.csv(overview));
    }

    private static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "must be a date like 2026-12-01");
        }
    }
}
