package dev.flowdesk.passwordreset;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

import java.time.Clock;

/** On one node of the cluster, every hour: removes reset tokens past their expiry ({@link ResetTokens}). */
@DisallowConcurrentExecution
public class PasswordResetCleanupJob extends QuartzJobBean {

    private final ResetTokens tokens;
    private final Clock clock;

    public PasswordResetCleanupJob(ResetTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        tokens.deleteExpired(clock.instant());
    }
}
