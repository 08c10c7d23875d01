package dev.flowdesk.attachment;

import dev.flowdesk.scheduling.RecurringJobs;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;

@Component
class AttachmentScheduling {

    private final RecurringJobs jobs;

    AttachmentScheduling(RecurringJobs jobs) {
        this.jobs = jobs;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        jobs.every("attachments", "purge-pending-uploads", PendingAttachmentsJob.class, Duration.ofHours(1),
                new JobDataMap());
    }
}
