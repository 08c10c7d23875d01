package dev.flowdesk.mail.inbound;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.mail.MailJobs;
import dev.flowdesk.mail.Mailbox;
import dev.flowdesk.mail.Mailboxes;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One {@link MailPollJob} per enabled mailbox, named by its id; none for disabled or deleted ones (nor leftovers of an
 * earlier start). A mailbox change reschedules its job in the change's own transaction: Quartz's JDBC store joins
 * Spring's transaction, so the job and the row commit together and every node of the cluster sees both at once.
 */
@Component
class MailPollScheduling {

    private final MailJobs jobs;
    private final Mailboxes mailboxes;

    MailPollScheduling(MailJobs jobs, Mailboxes mailboxes) {
        this.jobs = jobs;
        this.mailboxes = mailboxes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        Set<String> names = new HashSet<>();
        for (Mailbox mailbox : mailboxes.all()) {
            if (mailbox.enabled()) {
                names.add(mailbox.jobName());
                schedule(mailbox);
            }
        }
        jobs.removeOthers(Mailbox.JOB_PREFIX, names);
    }

    @EventListener
    void changed(Mailboxes.MailboxChanged change) {
        try {
            if (change.now() != null && change.now().enabled()) {
                schedule(change.now());
            } else {
                jobs.remove(Mailbox.JOB_PREFIX + change.id());
            }
        } catch (SchedulerException e) {
            throw DomainException.unavailable("The scheduler cannot take the mailbox's poll job: " + e.getMessage());
        }
    }

    private void schedule(Mailbox mailbox) throws SchedulerException {
        jobs.every(mailbox.jobName(), MailPollJob.class, mailbox.pollInterval(),
                new JobDataMap(Map.of("mailbox", mailbox.id())));
    }
}
