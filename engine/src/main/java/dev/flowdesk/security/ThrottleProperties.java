package dev.flowdesk.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code flowdesk.security.throttle.*}: how many failed sign-ins an account ({@code login-failures-per-account},
 * default 5) and a client address ({@code login-failures-per-address}, default 30, higher because an office shares
 * one address) may have within {@code login-window} (default 5 minutes) before further password sign-ins answer 429;
 * and how many anonymous form submissions and uploads one address may make within {@code anonymous-window} (default
 * 1 minute; {@code anonymous-submissions-per-address}, default 20). Counts are kept per node in memory: with N nodes
 * an attacker gets at most N times as many tries, still far from a useful guessing rate, and no database write per
 * failure. The client address is the servlet's remote address: behind a proxy set
 * {@code server.forward-headers-strategy=native} so that it is the caller's, not the proxy's.
 */
@ConfigurationProperties("flowdesk.security.throttle")
public record ThrottleProperties(Integer loginFailuresPerAccount, Integer loginFailuresPerAddress,
                                 Duration loginWindow, Integer anonymousSubmissionsPerAddress,
                                 Duration anonymousWindow) {

    public ThrottleProperties {
        loginFailuresPerAccount = loginFailuresPerAccount == null ? 5 : loginFailuresPerAccount;
        loginFailuresPerAddress = loginFailuresPerAddress == null ? 30 : loginFailuresPerAddress;
        loginWindow = loginWindow == null ? Duration.ofMinutes(5) : loginWindow;
        anonymousSubmissionsPerAddress = anonymousSubmissionsPerAddress == null ? 20 : anonymousSubmissionsPerAddress;
        anonymousWindow = anonymousWindow == null ? Duration.ofMinutes(1) : anonymousWindow;
    }
}
