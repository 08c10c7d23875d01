package dev.flowdesk.mail;

import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import dev.flowdesk.scheduling.RecurringJobs;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;

/**
 * The mail channel's jobs in the clustered Quartz scheduler (the one scheduling mechanism). A job is replaced at
 * every start, so that a changed interval takes effect; jobs of a kind that are no longer configured are removed.
 */
@Component
public class MailJobs {

    static final String GROUP = "mail";

    private final Scheduler scheduler;
    private final RecurringJobs recurring;

    MailJobs(Scheduler scheduler, RecurringJobs recurring) {
        this.scheduler = scheduler;
        this.recurring = recurring;
    }

    /** Schedules (or replaces) a recurring job whose first run is one interval from now. */
    public void every(String name, Class<? extends Job> job, Duration interval, JobDataMap data)
            throws SchedulerException {
        recurring.every(GROUP, name, job, interval, data);
    }

    /** Removes the jobs whose name starts with {@code prefix} and is not one of {@code keep}. */
    public void removeOthers(String prefix, Set<String> keep) throws SchedulerException {
        for (JobKey existing : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (existing.getName().startsWith(prefix) && !keep.contains(existing.getName())) {
                scheduler.deleteJob(existing);
            }
        }
    }

    /** Runs a job now (on whichever node Quartz picks), e.g. for an admin's "poll now". */
    public void runNow(String name) throws SchedulerException {
        scheduler.triggerJob(JobKey.jobKey(name, GROUP));
    }

    /**
     * Runs a job soon, unless a run that has not started yet is already waiting: that run will see whatever made the
     * caller ask (IMAP IDLE reporting new mail), so a burst of a hundred mails queues one run, not a hundred. A run
     * in progress does not count, as it may have looked before the news.
     *
     * @return whether a run was queued; false also when the job does not exist (its mailbox was just removed)
     */
    public boolean runSoon(String name) throws SchedulerException {
        JobKey key = JobKey.jobKey(name, GROUP);
        if (!scheduler.checkExists(key)) {
            return false;
        }
        for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
            boolean recurring = trigger.getKey().equals(TriggerKey.triggerKey(name, GROUP));
            Trigger.TriggerState state = scheduler.getTriggerState(trigger.getKey());
            // A one-off trigger waits (NORMAL, also while acquired) or is held back by the running run (BLOCKED);
            // once fired it is COMPLETE or gone.
            if (!recurring && (state == Trigger.TriggerState.NORMAL || state == Trigger.TriggerState.BLOCKED)) {
                return false;
            }
        }
        scheduler.triggerJob(key);
        return true;
    }

    /** Removes one job and its triggers; nothing when it does not exist. */
    public void remove(String name) throws SchedulerException {
        scheduler.deleteJob(JobKey.jobKey(name, GROUP));
    }

    public boolean exists(String name) throws SchedulerException {
        return scheduler.checkExists(JobKey.jobKey(name, GROUP));
    }
}
