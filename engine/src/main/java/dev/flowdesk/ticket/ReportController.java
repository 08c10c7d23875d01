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
    private final dev.flowdesk.security.audit.SecurityEvents audit;

    ReportController(TicketReports reports, dev.flowdesk.security.audit.SecurityEvents audit) {
        this.reports = reports;
        this.audit = audit;
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
        audit.record(dev.flowdesk.security.audit.SecurityEventKind.EXPORT, CurrentUsers.require().id(),
                "report overview", overview.from() + ".." + overview.to() + (queue == null ? "" : " queue " + queue));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"flowdesk-report-"
                        + overview.from() + "-" + overview.to() + ".csv\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(ReportCsv.of(overview));
    }

    /**
     * {@code GET /api/reports/{name}?from&to&queue&format=json|csv}: one part of the overview under the public
     * contract's names ({@link ReportCsv#NAMED}); JSON keeps the period and the parts, CSV the same lines as the
     * overview's CSV for those parts.
     */
    @GetMapping("/api/reports/{name}")
    ResponseEntity<?> named(@org.springframework.web.bind.annotation.PathVariable String name,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String queue,
                            @RequestParam(defaultValue = "json") String format) {
        if (!ReportCsv.NAMED.containsKey(name)) {
            throw DomainException.notFound("report " + name + " (known: "
                    + String.join(", ", new java.util.TreeSet<>(ReportCsv.NAMED.keySet())) + ", overview)");
        }
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw DomainException.invalid("format", "must be json or csv");
        }
        TicketReports.Overview o = reports.overview(date(from, "from"), date(to, "to"), queue, CurrentUsers.require());
        if ("csv".equals(format)) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"flowdesk-" + name + "-"
                            + o.from() + "-" + o.to() + ".csv\"")
                    .header("X-Content-Type-Options", "nosniff")
                    .body(ReportCsv.of(o, name));
        }
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("from", o.from());
        body.put("to", o.to());
        body.put("queue", o.queue());
        body.put("computedAt", o.computedAt());
        switch (name) {
            case "sla-compliance" -> {
                body.put("responseCompliance", o.totals().responseCompliance());
                body.put("resolutionCompliance", o.totals().resolutionCompliance());
                body.put("rows", o.sla());
            }
            case "backlog" -> body.put("backlog", o.backlog());
            case "volume" -> {
                body.put("created", o.totals().created());
                body.put("byCategory", o.byCategory());
                body.put("byChannel", o.byChannel());
                body.put("byType", o.byType());
                body.put("byDay", o.byDay());
            }
            case "resolution-times" -> {
                body.put("resolved", o.totals().resolved());
                body.put("meanResponseMinutes", o.totals().meanResponseMinutes());
                body.put("meanResolutionMinutes", o.totals().meanResolutionMinutes());
                body.put("reopenRate", o.totals().reopenRate());
                body.put("firstContactRate", o.totals().firstContactRate());
            }
            case "satisfaction" -> body.put("satisfaction", o.satisfaction());
            default -> body.put("time", o.time());
        }
        return ResponseEntity.ok(body);
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
