package dev.flowdesk.ticket;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code flowdesk.reports.*}: whether the dashboard reads the daily roll-up ({@link ReportRollup}; off: every report
 * is computed from the ticket table, as on a small desk) and how often the clustered job brings it up to date.
 */
@ConfigurationProperties("flowdesk.reports")
public record ReportProperties(@DefaultValue("true") boolean rollup, @DefaultValue("PT1M") Duration rollupEvery) {
}
