package dev.flowdesk.sla;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The SLA clock of a ticket's process: when a paused activity (e.g. waiting for the customer) ends, the due instants
 * move by the working minutes the clock stood still, and so do the process variables and the timer jobs
 * (warnings, escalations) that were due at the old instants. It knows deadlines and the engine, not tickets: the
 * ticket feature stores the result and audits it.
 */
@Component
public class SlaClock {

    private final RuntimeService runtime;
    private final ManagementService management;
    private final Clock clock;

    SlaClock(RuntimeService runtime, ManagementService management, Clock clock) {
        this.runtime = runtime;
        this.management = management;
        this.clock = clock;
    }

    /** The deadlines after a pause: how many working minutes it lasted and where the due instants move to. */
    public record Resumed(Instant pausedAt, long pausedWorkingMinutes, Instant responseDue, Instant resolutionDue) {
    }

    /**
     * Ends a pause that began at {@code pausedAt}: computes the new due instants and moves the process's variables
     * and timers with them (when a process is given and the pause lasted any working time), in working time of the
     * ticket's calendar. A deadline already past when the pause began stays where it is, as {@link SlaLevels}
     * computes it: pausing a breached ticket does not make it un-breached.
     */
    public Resumed resume(BusinessCalendar calendar, Instant pausedAt, Instant responseDue, Instant resolutionDue,
                          String processInstanceId) {
        long paused = calendar.businessMinutesBetween(pausedAt, clock.instant());
        Instant newResponse = moved(calendar, pausedAt, responseDue, paused);
        Instant newResolution = moved(calendar, pausedAt, resolutionDue, paused);
        if (paused > 0 && processInstanceId != null) {
            moveTimers(processInstanceId, responseDue, newResponse);
            moveTimers(processInstanceId, resolutionDue, newResolution);
            Map<String, Object> vars = new HashMap<>();
            vars.put("firstResponseDue", newResponse == null ? null : Date.from(newResponse));
            vars.put("resolutionDue", newResolution == null ? null : Date.from(newResolution));
            runtime.setVariables(processInstanceId, vars);
        }
        return new Resumed(pausedAt, paused, newResponse, newResolution);
    }

    private static Instant moved(BusinessCalendar calendar, Instant pausedAt, Instant due, long paused) {
        return due == null || !pausedAt.isBefore(due) ? due : calendar.addBusinessMinutes(due, paused);
    }

    private void moveTimers(String processInstanceId, Instant from, Instant to) {
        if (from == null || to == null) {
            return;
        }
        management.createJobQuery().processInstanceId(processInstanceId).timers().list().stream()
                // Timers are stored at a coarser precision than the ticket's instants: match within two minutes.
                .filter(job -> job.getDuedate() != null
                        && Duration.between(from, job.getDuedate().toInstant()).abs().toMinutes() < 2)
                .forEach(job -> management.setJobDuedate(job.getId(), Date.from(to)));
    }
}
