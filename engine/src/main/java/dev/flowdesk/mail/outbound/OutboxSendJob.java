package dev.flowdesk.mail.outbound;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The clustered Quartz job that sends the outbox (one node at a time; rows are claimed anyway). */
@DisallowConcurrentExecution
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
