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

    /**
     * Schedules (or replaces) {@code group.name} on a Quartz cron expression in a time zone; a missed time (all
     * nodes down) fires once when a node is back. Null or invalid expressions are the caller's to check
     * ({@link #checkCron}).
     */
    public void cron(String group, String name, Class<? extends Job> job, String cron, java.time.ZoneId zone,
                     JobDataMap data) throws SchedulerException {
        JobKey key = JobKey.jobKey(name, group);
        var detail = JobBuilder.newJob(job).withIdentity(key).usingJobData(data).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, group).forJob(key)
                .withSchedule(org.quartz.CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(java.util.TimeZone.getTimeZone(zone)).withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(detail, Set.of(trigger), true);
    }

    /** Removes {@code group.name} and its triggers (nothing when it does not exist). */
    public void remove(String group, String name) throws SchedulerException {
        scheduler.deleteJob(JobKey.jobKey(name, group));
    }

    /** Null when {@code cron} is a valid Quartz cron expression, else why not. */
    public static String checkCron(String cron) {
        try {
            org.quartz.CronExpression.validateExpression(cron);
            return null;
        } catch (java.text.ParseException e) {
            return e.getMessage();
        }
    }

    /** The next times a cron expression fires after {@code from}, at most {@code count}. */
    public static java.util.List<java.time.Instant> nextTimes(String cron, java.time.ZoneId zone,
                                                             java.time.Instant from, int count) {
        try {
            org.quartz.CronExpression expression = new org.quartz.CronExpression(cron);
            expression.setTimeZone(java.util.TimeZone.getTimeZone(zone));
            java.util.List<java.time.Instant> times = new java.util.ArrayList<>();
            Date next = Date.from(from);
            while (times.size() < count && (next = expression.getNextValidTimeAfter(next)) != null) {
                times.add(next.toInstant());
            }
            return times;
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
