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
 * unseen. While a poll comes back with a full batch (a backlog), the run polls again at once, for up to
 * {@link #MAX_RUN}.
 */
@DisallowConcurrentExecution
public class MailPollJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(MailPollJob.class);

    /** A run goes on polling while batches come back full, for at most this long (then the next run goes on). */
    static final java.time.Duration MAX_RUN = java.time.Duration.ofMinutes(2);

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
        long until = System.nanoTime() + MAX_RUN.toNanos();
        try {
            MailboxPoller.PollResult result;
            do {
                result = poller.poll(mailbox);
                if (result.read() > 0) {
                    log.info("Mailbox {}: {}", mailbox, result);
                }
                // A full batch means a backlog: go on now rather than one poll interval later.
            } while (result.read() >= MailboxPoller.BATCH && System.nanoTime() < until);
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
