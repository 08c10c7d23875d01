package dev.flowdesk.security;

import dev.flowdesk.scheduling.RecurringJobs;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Schedules {@link SessionCleanupJob} in the clustered scheduler. */
@Component
class SessionScheduling {

    private final RecurringJobs jobs;

    SessionScheduling(RecurringJobs jobs) {
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        jobs.every("security", "purge-expired-sessions", SessionCleanupJob.class, Duration.ofMinutes(5),
                new JobDataMap());
    }
}
