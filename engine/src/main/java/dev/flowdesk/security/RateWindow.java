package dev.flowdesk.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key (an account, a client address) within a sliding window and says how long a key that reached
 * its limit must wait. Memory is bounded: keys whose events have all left the window are dropped when the map grows,
 * and beyond {@value #MAX_KEYS} keys the oldest knowledge is given up rather than the heap.
 */
public final class RateWindow {

    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> events = new ConcurrentHashMap<>();

    public RateWindow(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** How long {@code key} must wait before its next event is allowed; empty when it may go on now. */
    public Optional<Duration> waitFor(String key) {
        Deque<Instant> times = events.get(key);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            Duration wait = Duration.between(now, times.peekFirst().plus(window));
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    /** Records an event of {@code key}. */
    public void record(String key) {
        Instant now = clock.instant();
        if (events.size() >= MAX_KEYS) {
            events.values().removeIf(times -> {
                synchronized (times) {
                    prune(times, now);
                    return times.isEmpty();
                }
            });
            if (events.size() >= MAX_KEYS) {
                events.clear();
            }
        }
        Deque<Instant> times = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    /** Forgets {@code key} (a successful sign-in clears the account's failures). */
    public void clear(String key) {
        events.remove(key);
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant start = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }
}
