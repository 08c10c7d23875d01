package dev.flowdesk.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Login throttling (issue 15 part 2): failed password sign-ins (form login and HTTP Basic) are counted per account
 * and per client address; once either reaches its limit ({@link ThrottleProperties}) further password sign-ins for
 * that account or from that address answer 429 with {@code Retry-After} until the oldest failure leaves the window,
 * before any password is checked. A successful sign-in clears the account's count (not the address's, so one known
 * password does not reset a spray across accounts). Camunda's own per-user login delay stays on beside this.
 * Also holds the rate of anonymous form submissions and uploads per address.
 */
@Component
class SignInThrottle {

    private final RateWindow accounts;
    private final RateWindow addresses;
    private final RateWindow anonymous;

    SignInThrottle(ThrottleProperties properties, Clock clock) {
        this.accounts = new RateWindow(properties.loginFailuresPerAccount(), properties.loginWindow(), clock);
        this.addresses = new RateWindow(properties.loginFailuresPerAddress(), properties.loginWindow(), clock);
        this.anonymous = new RateWindow(properties.anonymousSubmissionsPerAddress(), properties.anonymousWindow(),
                clock);
    }

    /** How long a password sign-in of {@code account} from {@code address} must wait; empty when it may try now. */
    Optional<Duration> signInWait(String account, String address) {
        Optional<Duration> byAccount = account == null ? Optional.empty() : accounts.waitFor(key(account));
        Optional<Duration> byAddress = addresses.waitFor(address);
        if (byAccount.isPresent() && byAddress.isPresent()) {
            return Optional.of(byAccount.get().compareTo(byAddress.get()) >= 0 ? byAccount.get() : byAddress.get());
        }
        return byAccount.isPresent() ? byAccount : byAddress;
    }

    /** Counts one anonymous submission from {@code address}, or says how long it must wait (and counts nothing). */
    Optional<Duration> anonymousSubmission(String address) {
        Optional<Duration> wait = anonymous.waitFor(address);
        if (wait.isEmpty()) {
            anonymous.record(address);
        }
        return wait;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        if (name instanceof String account && !account.isBlank()) {
            accounts.record(key(account));
        }
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            addresses.record(details.getRemoteAddress());
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof CurrentUser user) {
            accounts.clear(key(user.id()));
        }
    }

    /** Camunda user ids are matched case-insensitively by some databases; count them as one account. */
    private static String key(String account) {
        return account.strip().toLowerCase(Locale.ROOT);
    }
}
