package dev.flowdesk.scheduling;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health is UP only when both schedulers run: Quartz (recurring jobs, mail polling) and Camunda's job executor
 * (timers, async continuations, retries). A node whose timers do not fire must not receive traffic.
 */
@Component("scheduler")
class SchedulerHealthIndicator implements HealthIndicator {

    private final Scheduler quartz;
    private final ProcessEngine engine;

    SchedulerHealthIndicator(Scheduler quartz, ProcessEngine engine) {
        this.quartz = quartz;
        this.engine = engine;
    }

    @Override
    public Health health() {
        try {
            boolean quartzRunning = quartz.isStarted() && !quartz.isShutdown() && !quartz.isInStandbyMode();
            var jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
            boolean jobsRunning = jobExecutor != null && jobExecutor.isActive();
            Health.Builder health = quartzRunning && jobsRunning ? Health.up() : Health.down();
            return health.withDetail("quartz", quartzRunning ? "running" : "stopped")
                    .withDetail("camundaJobExecutor", jobsRunning ? "running" : "stopped").build();
        } catch (SchedulerException e) {
            return Health.down(e).build();
        }
    }
}
