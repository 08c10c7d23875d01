package dev.flowdesk.ticket;

import dev.flowdesk.scheduling.RecurringJobs;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * The clustered Quartz job that announces SLA level changes ({@link SlaLevelWatch}) on one node at a time, every
 * {@code flowdesk.sla.level-check-every} (one minute by default).
 */
@DisallowConcurrentExecution
public class SlaLevelJob extends QuartzJobBean {

    private final SlaLevelWatch watch;
    private final Clock clock;

    public SlaLevelJob(SlaLevelWatch watch, Clock clock) {
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        // a full batch means more are due: go on at once instead of waiting for the next minute
        int announced;
        do {
            announced = watch.announceDue(clock.instant());
        } while (announced >= SlaLevelWatch.BATCH);
    }

    /** Registers the job with the one scheduler at start. */
    @Component
    static class Scheduling {

        private final RecurringJobs jobs;
        private final Duration every;

        Scheduling(RecurringJobs jobs, @Value("${flowdesk.sla.level-check-every:PT1M}") Duration every) {
            this.jobs = jobs;
            this.every = every;
        }

        @EventListener(ApplicationReadyEvent.class)
        void schedule() throws SchedulerException {
            jobs.every("sla", "level-changes", SlaLevelJob.class, every, new JobDataMap());
        }
    }
}
