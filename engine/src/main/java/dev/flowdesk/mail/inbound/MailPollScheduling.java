package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.MailJobs;
import dev.flowdesk.mail.MailProperties;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One {@link MailPollJob} per configured mailbox; none (and no leftovers of an earlier start) without mailboxes. */
@Component
class MailPollScheduling {

    static final String PREFIX = "poll-mailbox-";

    private final MailJobs jobs;
    private final MailProperties properties;

    MailPollScheduling(MailJobs jobs, MailProperties properties) {
        this.jobs = jobs;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.mailboxes().size(); i++) {
            names.add(PREFIX + i);
            jobs.every(PREFIX + i, MailPollJob.class, properties.mailboxes().get(i).pollInterval(),
                    new JobDataMap(Map.of("mailbox", i)));
        }
        jobs.removeOthers(PREFIX, names);
    }
}
