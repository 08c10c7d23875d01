package dev.flowdesk.privacy;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** On one node of the cluster, every {@code flowdesk.privacy.retention.interval}: {@link ClosedTicketRetention}. */
@DisallowConcurrentExecution
public class RetentionJob extends QuartzJobBean {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final ClosedTicketRetention retention;

    public RetentionJob(ClosedTicketRetention retention) {
        this.retention = retention;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        ClosedTicketRetention.Run run = retention.run();
        if (run != null && run.tickets() > 0) {
            LOG.info("Retention: {} tickets closed before {} lost their personal data", run.tickets(),
                    run.closedBefore());
        }
    }
}
