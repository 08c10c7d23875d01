package dev.flowdesk.scheduledaction;

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
 * The clustered Quartz job that runs the scheduled actions ({@link ScheduledActionRunner}) on one node at a time,
 * every {@code flowdesk.scheduled-actions.check-every} (five minutes by default). The run key keeps a second node
 * from acting twice even if two runs overlap (a recovered job, a manual run).
 */
@DisallowConcurrentExecution
public class ScheduledActionJob extends QuartzJobBean {

    private final ScheduledActionRunner runner;
    private final Clock clock;

    public ScheduledActionJob(ScheduledActionRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        String node;
        try {
            node = context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            node = "scheduler";
        }
        runner.runDue(clock.instant(), node.length() > 64 ? node.substring(0, 64) : node);
    }

    /** Registers the job with the one scheduler at start. */
    @Component
    static class Scheduling {

        private final RecurringJobs jobs;
        private final Duration every;

        Scheduling(RecurringJobs jobs, @Value("${flowdesk.scheduled-actions.check-every:PT5M}") Duration every) {
            this.jobs = jobs;
            this.every = every;
        }

        @EventListener(ApplicationReadyEvent.class)
        void schedule() throws SchedulerException {
            jobs.every("scheduled-actions", "run", ScheduledActionJob.class, every, new JobDataMap());
        }
    }
}
