package dev.flowdesk.attachment;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** Hourly, on one node: uploads that never became part of a ticket are removed. */
@DisallowConcurrentExecution
public class PendingAttachmentsJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(PendingAttachmentsJob.class);
    private final Attachments attachments;

    public PendingAttachmentsJob(Attachments attachments) {
        this.attachments = attachments;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        int removed = attachments.purgePending();
        if (removed > 0) {
            log.info("Removed {} uploads that no submission or reply used", removed);
        }
    }
}
