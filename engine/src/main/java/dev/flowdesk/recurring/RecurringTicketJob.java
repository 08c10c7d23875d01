package dev.flowdesk.recurring;

import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

import java.time.Instant;

/** Quartz's fire of one recurring ticket: opens the ticket for the time it was scheduled for (once, see the service). */
public class RecurringTicketJob extends QuartzJobBean {

    private final RecurringTickets recurring;

    public RecurringTicketJob(RecurringTickets recurring) {
        this.recurring = recurring;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        long id = context.getMergedJobDataMap().getLong("recurringId");
        Instant scheduled = (context.getScheduledFireTime() == null ? context.getFireTime()
                : context.getScheduledFireTime()).toInstant();
        try {
            recurring.fire(id, scheduled, "scheduler");
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            // another node (or a recovered run) opened this time's ticket first: its run key stopped this one
            org.slf4j.LoggerFactory.getLogger(RecurringTicketJob.class)
                    .info("Recurring ticket {} at {} was already opened elsewhere", id, scheduled);
        }
    }
}
