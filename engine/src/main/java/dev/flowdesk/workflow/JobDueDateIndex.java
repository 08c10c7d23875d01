package dev.flowdesk.workflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * The job executor takes due jobs oldest due date first ({@code job-executor-acquire-by-due-date}), so that an SLA
 * timer is never starved by newer work; Camunda's schema has no index for that order, and with 100,000 open tickets
 * (one timer each) every acquisition would sort the whole job table. The index is created once the engine has
 * created or checked its schema (Flyway runs before the engine, so it cannot add indexes to Camunda's tables).
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(JobDueDateIndex.class);

    private final DataSource dataSource;

    JobDueDateIndex(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try {
            new JdbcTemplate(dataSource).execute("CREATE INDEX IF NOT EXISTS fd_idx_job_duedate ON ACT_RU_JOB (DUEDATE_)");
        } catch (RuntimeException e) {
            // Only speed depends on it: an engine on a database that refuses it still runs.
            log.warn("Could not create the index fd_idx_job_duedate on ACT_RU_JOB (job acquisition by due date"
                    + " will scan the job table): {}", e.toString());
        }
    }
}
