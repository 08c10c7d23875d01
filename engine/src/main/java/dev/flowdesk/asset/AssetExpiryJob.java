package dev.flowdesk.asset;

import dev.flowdesk.scheduling.RecurringJobs;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

/**
 * The clustered Quartz job that opens warranty and contract expiry reminders ({@link ExpiryReminders}) on one node
 * at a time; the reminder rows keep even overlapping runs from reminding twice.
 */
@DisallowConcurrentExecution
public class AssetExpiryJob extends QuartzJobBean {

    private final ExpiryReminders reminders;

    public AssetExpiryJob(ExpiryReminders reminders) {
        this.reminders = reminders;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        reminders.remindDue();
    }

    /** Registers the job with the one scheduler at start. */
    @Component
    static class Scheduling {

        private final RecurringJobs jobs;
        private final AssetProperties properties;

        Scheduling(RecurringJobs jobs, AssetProperties properties) {
            this.jobs = jobs;
            this.properties = properties;
        }

        @EventListener(ApplicationReadyEvent.class)
        void schedule() throws SchedulerException {
            jobs.every("assets", "expiry-reminders", AssetExpiryJob.class, properties.reminderEvery(), new JobDataMap());
        }
    }
}
