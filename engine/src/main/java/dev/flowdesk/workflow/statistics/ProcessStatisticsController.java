package dev.flowdesk.workflow.statistics;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.PageResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** The heat map of a process definition and the tickets in one of its activities (designers). */
@RestController
@RequestMapping("/api/processes/{definitionId}")
class ProcessStatisticsController {

    private final ProcessStatistics statistics;
    private final ActivityTickets activityTickets;

    ProcessStatisticsController(ProcessStatistics statistics, ActivityTickets activityTickets) {
        this.statistics = statistics;
        this.activityTickets = activityTickets;
    }

    /** {@code from}, {@code to}: ISO-8601 instants bounding the period (optional). */
    @GetMapping("/statistics")
    ProcessStatistics.Statistics statistics(@PathVariable String definitionId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return statistics.of(definitionId, from, to, CurrentUsers.require());
    }

    @GetMapping("/activities/{activityId}/tickets")
    PageResponse<ActivityTickets.TicketInActivity> tickets(@PathVariable String definitionId,
            @PathVariable String activityId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return activityTickets.list(definitionId, activityId, page, size, CurrentUsers.require());
    }
}
