package dev.flowdesk;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The engine tests' Flowdesk clock: the system clock until a test {@link #pin}s it to an instant, so that deadlines
 * and levels can be walked through in working time instead of rewriting rows. Tests that pin it reset it afterwards.
 */
public final class TestClock extends Clock {

    private volatile Instant pinned;

    public void pin(Instant instant) {
        this.pinned = instant;
    }

    public void reset() {
        this.pinned = null;
    }

    @Override
    public Instant instant() {
        Instant at = pinned;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same pinned or running time, seen in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        TestClock owner = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return owner.withZone(other);
            }

            @Override
            public Instant instant() {
                return owner.instant();
            }
        };
    }

    /** Replaces the application's clock in the engine tests' one context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
