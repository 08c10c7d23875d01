package dev.flowdesk.passwordreset;

import dev.flowdesk.scheduling.RecurringJobs;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Schedules {@link PasswordResetCleanupJob} in the clustered scheduler. */
@Component
class PasswordResetScheduling {

    private final RecurringJobs jobs;

    PasswordResetScheduling(RecurringJobs jobs) {
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        jobs.every("security", "purge-expired-reset-tokens", PasswordResetCleanupJob.class, Duration.ofHours(1),
                new JobDataMap());
    }
}
