package dev.flowdesk.privacy;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.quartz.JobDataMap;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Schedules {@link RetentionJob} in the clustered scheduler when {@code flowdesk.privacy.retention.closed-tickets} is
 * set, and removes it when it is not (a node started without the setting switches retention off for the cluster;
 * nodes are expected to share configuration). Also checks the alignment with Camunda's history cleanup: a process
 * whose history time-to-live is longer than the retention period keeps its history past it, which the log names.
 */
@Component
class RetentionScheduling {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduling.class);
    static final String GROUP = "privacy";
    static final String NAME = "closed-ticket-retention";

    private final dev.flowdesk.scheduling.RecurringJobs jobs;
    private final RetentionProperties properties;
    private final RepositoryService repository;

    RetentionScheduling(dev.flowdesk.scheduling.RecurringJobs jobs, RetentionProperties properties,
                        RepositoryService repository) {
        this.jobs = jobs;
        this.properties = properties;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() throws SchedulerException {
        if (!properties.enabled()) {
            jobs.remove(GROUP, NAME);
            return;
        }
        jobs.every(GROUP, NAME, RetentionJob.class, properties.interval(), new JobDataMap());
        List<String> longer = historyKeptLonger();
        if (!longer.isEmpty()) {
            LOG.warn("Camunda keeps the history of {} longer than flowdesk.privacy.retention.closed-tickets ({}):"
                    + " shorten their historyTimeToLive (docs/security.md, Privacy)", longer,
                    properties.closedTickets());
        }
    }

    /** The latest process definitions whose history time-to-live (days) exceeds the retention period. */
    List<String> historyKeptLonger() {
        LocalDate today = LocalDate.of(2000, 1, 1);
        long retentionDays = ChronoUnit.DAYS.between(today, today.plus(properties.closedTickets()));
        return repository.createProcessDefinitionQuery().latestVersion().list().stream()
                .filter(d -> d.getHistoryTimeToLive() == null || d.getHistoryTimeToLive() > retentionDays)
                .map(ProcessDefinition::getKey).sorted().toList();
    }
}
