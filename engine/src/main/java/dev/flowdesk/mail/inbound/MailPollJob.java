package dev.flowdesk.mail.inbound;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The clustered Quartz job that polls one mailbox ({@code mailbox} in the job data: its index). Quartz's JDBC store
 * runs it on one node at a time ({@link DisallowConcurrentExecution}), so two nodes never read the same mailbox at
 * once; a failed poll (server down) is logged and the next run tries again, missing nothing since unseen mail stays
 * unseen.
 */
@DisallowConcurrentExecution
public class MailPollJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(MailPollJob.class);

    private final MailboxPoller poller;
    private final MailboxStatus status;
    private final dev.flowdesk.mail.MailProperties properties;
    private int mailbox;

    public MailPollJob(MailboxPoller poller, MailboxStatus status, dev.flowdesk.mail.MailProperties properties) {
        this.poller = poller;
        this.status = status;
        this.properties = properties;
    }

    public void setMailbox(int mailbox) {
        this.mailbox = mailbox;
    }

    private String name() {
        return mailbox < properties.mailboxes().size() ? properties.mailboxes().get(mailbox).displayName()
                : "mailbox " + mailbox;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        try {
            MailboxPoller.PollResult result = poller.poll(mailbox);
            if (result.read() > 0) {
                log.info("Mailbox {}: {}", mailbox, result);
            }
            status.succeeded(name(), result);
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            log.warn("Polling mailbox {} failed, next run retries: {}", mailbox, e.toString());
            try {
                status.failed(name(), e.toString());
            } catch (RuntimeException statusFailed) {
                log.warn("Cannot record the failed poll of mailbox {}: {}", mailbox, statusFailed.toString());
            }
        }
    }
}
