package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.Mailbox;
import dev.flowdesk.mail.MailJobs;
import dev.flowdesk.mail.Mailboxes;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The clustered Quartz job that polls one mailbox ({@code mailbox} in the job data: its id). Quartz's JDBC store runs
 * it on one node at a time ({@link DisallowConcurrentExecution}), so two nodes never read the same mailbox at once.
 * Each run reads the mailbox from the database, so an admin's change applies to the next run on every node; a
 * mailbox deleted or disabled meanwhile is not polled. A failed poll (server down) is logged and the next run tries
 * again, missing nothing since unseen mail stays unseen. While a poll comes back with a full batch (a backlog), the
 * run polls again at once, for up to {@link #MAX_RUN}.
 */
@DisallowConcurrentExecution
public class MailPollJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(MailPollJob.class);

    /**
     * A run goes on polling while batches come back full, for at most this long; then it asks for the next run at
     * once ({@link MailJobs#runSoon}). Not the repeating trigger: it waits behind the running job, keeps its schedule
     * (each firing is due one interval after the last due time, not after the run), so its lateness grows run by run,
     * and once it is later than Quartz's misfire threshold (60 s) it fires only when the misfire handler finds it, up
     * to a minute later: the 20,000-mail benchmark stood still for 58 s and 38 s that way.
     */
    static final java.time.Duration MAX_RUN = java.time.Duration.ofSeconds(40);

    private final MailboxPoller poller;
    private final MailboxStatus status;
    private final Mailboxes mailboxes;
    private final MailJobs jobs;
    private long mailbox;

    public MailPollJob(MailboxPoller poller, MailboxStatus status, Mailboxes mailboxes, MailJobs jobs) {
        this.poller = poller;
        this.status = status;
        this.mailboxes = mailboxes;
        this.jobs = jobs;
    }

    public void setMailbox(long mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        Mailbox box = mailboxes.find(mailbox).filter(Mailbox::enabled).orElse(null);
        if (box == null) {
            log.info("Mailbox {} is gone or disabled; not polled", mailbox);
            return;
        }
        long until = System.nanoTime() + MAX_RUN.toNanos();
        try {
            MailboxPoller.PollResult result;
            do {
                result = poller.poll(box);
                if (result.read() > 0) {
                    log.info("Mailbox {}: {}", box.displayName(), result);
                }
                // A full batch means a backlog: go on now rather than one poll interval later.
            } while (result.read() >= MailboxPoller.BATCH && System.nanoTime() < until);
            status.succeeded(mailbox, result);
            if (result.read() >= MailboxPoller.BATCH) {
                jobs.runSoon(box.jobName()); // a backlog is left: the next run follows this one
            }
        } catch (org.quartz.SchedulerException e) {
            log.warn("Mailbox {}: cannot queue the next run at once, the schedule's next run goes on: {}",
                    box.displayName(), e.toString());
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            log.warn("Polling mailbox {} failed, next run retries: {}", box.displayName(), e.toString());
            try {
                status.failed(mailbox, e.toString());
            } catch (RuntimeException statusFailed) {
                log.warn("Cannot record the failed poll of mailbox {}: {}", mailbox, statusFailed.toString());
            }
        }
    }
}
