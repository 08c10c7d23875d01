package dev.flowdesk.passwordreset;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code flowdesk.security.password-reset.*}: how long a mailed reset link works ({@code valid-for}, default 30
 * minutes), and how many reset requests one typed login or one account ({@code requests-per-account}, default 3) and
 * one client address ({@code requests-per-address}, default 20: an office shares one address) may make within
 * {@code request-window} (default 15 minutes). Counted per node in memory like the sign-in throttle
 * ({@code security.ThrottleProperties}); the outbox's hourly limit of automatic mail per address applies on top.
 */
@ConfigurationProperties("flowdesk.security.password-reset")
public record PasswordResetProperties(Duration validFor, Integer requestsPerAccount, Integer requestsPerAddress,
                                      Duration requestWindow) {

    public PasswordResetProperties {
        validFor = validFor == null ? Duration.ofMinutes(30) : validFor;
        requestsPerAccount = requestsPerAccount == null ? 3 : requestsPerAccount;
        requestsPerAddress = requestsPerAddress == null ? 20 : requestsPerAddress;
        requestWindow = requestWindow == null ? Duration.ofMinutes(15) : requestWindow;
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("flowdesk.security.password-reset.valid-for must be between 1 second"
                    + " and 1 day, not " + validFor);
        }
    }
}
