package dev.flowdesk.asset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code flowdesk.assets.*}: expiry reminders.
 *
 * @param reminderDays    how many days before a warranty or contract ends its reminder ticket is opened
 * @param reminderEvery   how often the clustered job looks for ends coming up
 * @param reminderProcess the process of a reminder ticket (a plain agent task; the service-request process would
 *                        ask for approvals nobody needs)
 * @param reminderQueue   the queue reminder tickets go to, or empty for the rules' choice
 */
@ConfigurationProperties("flowdesk.assets")
public record AssetProperties(@DefaultValue("30") int reminderDays, @DefaultValue("6h") Duration reminderEvery,
                              @DefaultValue("incident") String reminderProcess,
                              @DefaultValue("") String reminderQueue) {
}
