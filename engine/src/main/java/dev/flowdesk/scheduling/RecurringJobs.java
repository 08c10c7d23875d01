package dev.flowdesk.scheduling;

import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Date;
import java.util.Set;

/**
 * Recurring jobs in the clustered Quartz scheduler, the one scheduling mechanism of Flowdesk: each run happens on
 * one node. A job is replaced at every start, so that a changed interval takes effect.
 */
@Component
public class RecurringJobs {

    private final Scheduler scheduler;

    RecurringJobs(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Schedules (or replaces) {@code group.name}, first run one interval from now. */
    public void every(String group, String name, Class<? extends Job> job, Duration interval, JobDataMap data)
            throws SchedulerException {
        JobKey key = JobKey.jobKey(name, group);
        var detail = JobBuilder.newJob(job).withIdentity(key).usingJobData(data).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, group).forJob(key)
                .startAt(new Date(System.currentTimeMillis() + interval.toMillis()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(detail, Set.of(trigger), true);
    }
}
