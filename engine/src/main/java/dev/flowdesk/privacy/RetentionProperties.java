package dev.flowdesk.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Period;

/**
 * {@code flowdesk.privacy.retention.*}: how long closed tickets keep their personal data (issue 15 part 6).
 *
 * @param closedTickets how long after closing a ticket's personal data is pseudonymised (ISO-8601, e.g. {@code P2Y});
 *                      unset: never (the default, since only the operator knows the legal period)
 * @param batchSize     tickets per transaction; a run goes on batch by batch until none is left
 * @param interval      how often the clustered job looks for tickets past the period
 */
@ConfigurationProperties("flowdesk.privacy.retention")
public record RetentionProperties(Period closedTickets, @DefaultValue("200") int batchSize,
                                  @DefaultValue("PT6H") Duration interval) {

    public RetentionProperties {
        if (closedTickets != null && (closedTickets.isNegative() || closedTickets.isZero())) {
            throw new IllegalArgumentException("flowdesk.privacy.retention.closed-tickets must be a positive period");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("flowdesk.privacy.retention.batch-size must be 1 to 10000");
        }
    }

    public boolean enabled() {
        return closedTickets != null;
    }
}
