package dev.flowdesk.security;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Every few minutes, on one node: removes expired browser sessions from {@code SPRING_SESSION}. Spring Session would
 * run this on every node with a scheduler of its own; Flowdesk's scheduled work goes through clustered Quartz
 * ({@code spring.session.jdbc.cleanup-cron: "-"} switches Spring Session's own run off).
 */
@DisallowConcurrentExecution
public class SessionCleanupJob extends QuartzJobBean {

    private final JdbcIndexedSessionRepository sessions;

    public SessionCleanupJob(JdbcIndexedSessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        sessions.cleanUpExpiredSessions();
    }
}
