package dev.flowdesk.security;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Issue 14: a verified Basic sign-in is reused for a short while, and only for the same user and password. */
class CredentialCacheTest {

    private final IdentityService identity = mock(IdentityService.class);
    private final MutableClock clock = new MutableClock();

    @Test
    void theSameCredentialsAreVerifiedOnceWithinTheCacheTime() {
        CamundaIdentityAuthenticationProvider provider = provider(Duration.ofSeconds(30));
        when(identity.checkPassword("bob", "demo")).thenReturn(true);

        Authentication first = provider.authenticate(token("bob", "demo"));
        Authentication second = provider.authenticate(token("bob", "demo"));

        assertThat(second.getPrincipal()).isSameAs(first.getPrincipal());
        verify(identity, times(1)).checkPassword("bob", "demo");

        clock.now = clock.now.plusSeconds(31);
        provider.authenticate(token("bob", "demo"));
        verify(identity, times(2)).checkPassword("bob", "demo");
    }

    @Test
    void aWrongPasswordIsAlwaysCheckedAndRefusedEvenWhileTheRightOneIsCached() {
        CamundaIdentityAuthenticationProvider provider = provider(Duration.ofSeconds(30));
        when(identity.checkPassword("bob", "demo")).thenReturn(true);
        when(identity.checkPassword("bob", "wrong")).thenReturn(false);
        provider.authenticate(token("bob", "demo"));

        assertThatThrownBy(() -> provider.authenticate(token("bob", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> provider.authenticate(token("bob", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        verify(identity, times(2)).checkPassword("bob", "wrong");
        // another user with bob's password is not bob
        when(identity.checkPassword("frank", "demo")).thenReturn(false);
        assertThatThrownBy(() -> provider.authenticate(token("frank", "demo")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aZeroCacheTimeChecksEveryRequest() {
        CamundaIdentityAuthenticationProvider provider = provider(Duration.ZERO);
        when(identity.checkPassword("bob", "demo")).thenReturn(true);
        provider.authenticate(token("bob", "demo"));
        provider.authenticate(token("bob", "demo"));
        verify(identity, times(2)).checkPassword(anyString(), anyString());
    }

    private CamundaIdentityAuthenticationProvider provider(Duration ttl) {
        CamundaIdentityAuthenticationProvider provider = spy(new CamundaIdentityAuthenticationProvider(identity,
                new SecurityProperties(null, ttl), clock));
        doReturn(new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
                Set.of(Role.USER, Role.AGENT), null)).when(provider).load("bob");
        return provider;
    }

    private static UsernamePasswordAuthenticationToken token(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
