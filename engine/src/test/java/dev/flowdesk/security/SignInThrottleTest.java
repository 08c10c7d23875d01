package dev.flowdesk.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.mock.web.MockHttpServletRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The throttle's counting with a clock: per account, per address, success, window, anonymous submissions. */
class SignInThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle = new SignInThrottle(new ThrottleProperties(3, 5, Duration.ofMinutes(5),
            2, Duration.ofMinutes(1)), clock);

    @Test
    void anAccountIsThrottledAfterItsLimitUntilTheOldestFailureLeavesTheWindow() {
        fail("bob", "10.0.0.1");
        clock.now = clock.now.plusSeconds(60);
        fail("bob", "10.0.0.2");
        fail("BOB", "10.0.0.3");

        assertThat(throttle.signInWait("bob", "10.0.0.9")).contains(Duration.ofSeconds(240));
        assertThat(throttle.signInWait("alice", "10.0.0.9")).isEmpty();
        clock.now = clock.now.plusSeconds(240);
        assertThat(throttle.signInWait("bob", "10.0.0.9")).isEmpty();
    }

    @Test
    void anAddressIsThrottledAcrossAccountsAndASuccessClearsOnlyTheAccount() {
        for (String account : List.of("a", "b", "c", "d", "e")) {
            fail(account, "10.0.0.7");
        }
        assertThat(throttle.signInWait("someone-else", "10.0.0.7")).isPresent();
        assertThat(throttle.signInWait("someone-else", "10.0.0.8")).isEmpty();

        fail("carol", "10.0.0.8");
        fail("carol", "10.0.0.8");
        throttle.succeeded(new AuthenticationSuccessEvent(UsernamePasswordAuthenticationToken.authenticated(
                new CurrentUser("carol", "Carol", null, List.of(), Set.of(Role.USER), null), null, List.of())));
        fail("carol", "10.0.0.8");
        fail("carol", "10.0.0.8");
        assertThat(throttle.signInWait("carol", "10.0.0.9")).isEmpty();
    }

    @Test
    void anonymousSubmissionsAreLimitedPerAddress() {
        assertThat(throttle.anonymousSubmission("10.0.0.1")).isEmpty();
        assertThat(throttle.anonymousSubmission("10.0.0.1")).isEmpty();
        assertThat(throttle.anonymousSubmission("10.0.0.1")).contains(Duration.ofMinutes(1));
        assertThat(throttle.anonymousSubmission("10.0.0.2")).isEmpty();
        clock.now = clock.now.plusSeconds(61);
        assertThat(throttle.anonymousSubmission("10.0.0.1")).isEmpty();
    }

    private void fail(String account, String address) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(account, "x");
        attempt.setDetails(new WebAuthenticationDetails(request));
        throttle.failed(new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("bad")));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
