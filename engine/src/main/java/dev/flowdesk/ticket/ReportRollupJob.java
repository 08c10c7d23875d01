package dev.flowdesk.ticket;

import dev.flowdesk.scheduling.RecurringJobs;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;

/**
 * The clustered Quartz job that keeps the report roll-up ({@link ReportRollup}) up to date on one node at a time,
 * every {@code flowdesk.reports.rollup-every} (one minute by default): the full build when there is none, else the
 * stale days. Two runs never overlap: Quartz does not start this job twice at once in the cluster, and each batch
 * locks the roll-up's state row (which a rebuild request takes too).
 */
@DisallowConcurrentExecution
public class ReportRollupJob extends QuartzJobBean {

    private static final Logger LOG = LoggerFactory.getLogger(ReportRollupJob.class);

    private final ReportRollup rollup;

    public ReportRollupJob(ReportRollup rollup) {
        this.rollup = rollup;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        ReportRollup.Run run = rollup.refresh();
        if (run.built()) {
            LOG.info("Built the report roll-up: {}", rollup.state());
        }
    }

    /** Registers the job with the one scheduler at start, or removes it when the roll-up is switched off. */
    @Component
    static class Scheduling {

        private final RecurringJobs jobs;
        private final ReportProperties properties;
        private final ReportRollup rollup;

        Scheduling(RecurringJobs jobs, ReportProperties properties, ReportRollup rollup) {
            this.jobs = jobs;
            this.properties = properties;
            this.rollup = rollup;
        }

        @EventListener(ApplicationReadyEvent.class)
        void schedule() throws SchedulerException {
            if (properties.rollup()) {
                jobs.every("reports", "rollup", ReportRollupJob.class, properties.rollupEvery(), new JobDataMap());
            } else {
                jobs.remove("reports", "rollup");
                rollup.requestRebuild(); // changes are not marked while it is off: build anew when it is on again
            }
        }
    }
}
