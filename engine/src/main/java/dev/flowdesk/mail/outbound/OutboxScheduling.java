package dev.flowdesk.mail.outbound;

import dev.flowdesk.mail.MailJobs;
import dev.flowdesk.mail.MailProperties;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Set;

/** The outbox sender runs while mail is on. */
@Component
class OutboxScheduling {

    static final String JOB = "send-outbox";

    private final MailJobs jobs;
    private final MailProperties properties;
    private final dev.flowdesk.mail.Mailboxes mailboxes;

    OutboxScheduling(MailJobs jobs, MailProperties properties, dev.flowdesk.mail.Mailboxes mailboxes) {
        this.jobs = jobs;
        this.properties = properties;
        this.mailboxes = mailboxes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        if (mailboxes.enabled()) {
            jobs.every(JOB, OutboxSendJob.class, properties.sendInterval(), new JobDataMap());
        } else {
            jobs.removeOthers(JOB, Set.of());
        }
    }
}
