package dev.flowdesk.mail.outbound;

import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The clustered Quartz job that sends the outbox. Runs may overlap on two nodes: every row is claimed before it is
 * sent, so they share the rows instead of sending one twice; on one node a run that finds another sending returns
 * at once ({@link OutboxSender#sendDue}), so a node has one mail in flight at most. Deliberately not
 * {@code @DisallowConcurrentExecution}: under load a node whose cluster check-in is late is "recovered" by the other
 * while still running, and a non-concurrent job's trigger can then stay blocked, which stopped the outbox for good in
 * a two-node test; a job that may overlap has no blocked state to get stuck in.
 */
public class OutboxSendJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxSendJob.class);

    private final OutboxSender sender;

    public OutboxSendJob(OutboxSender sender) {
        this.sender = sender;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        try {
            sender.sendDue();
        } catch (RuntimeException e) {
            log.warn("Sending the outbox failed, next run retries: {}", e.toString());
        }
    }
}
