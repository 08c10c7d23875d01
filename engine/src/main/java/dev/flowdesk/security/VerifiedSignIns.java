package dev.flowdesk.security;

import org.springframework.security.core.Authentication;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Password sign-ins verified a moment ago, reused for {@code flowdesk.security.credential-cache} (default 30 s) so
 * that an API client sending HTTP Basic on every request costs one password check (or directory bind) per period,
 * not one per request. Keyed by the user id and a keyed hash of the password (the key is random per process and
 * never stored), so a wrong password never hits and the map holds no password.
 */
final class VerifiedSignIns {

    /** Verified sign-ins at most, beyond which the oldest are dropped. */
    private static final int SIZE = 10_000;

    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    private record Verified(String userId, Authentication authentication, Instant until) {
    }

    VerifiedSignIns(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** The sign-in verified for these credentials within the cache time, or null. */
    Authentication get(String source, String userId, String password) {
        if (ttl.isZero()) {
            return null;
        }
        Verified hit = verified.get(key(source, userId, password));
        return hit != null && clock.instant().isBefore(hit.until()) ? hit.authentication() : null;
    }

    void put(String source, String userId, String password, Authentication result) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (verified.size() >= SIZE) {
            verified.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
            if (verified.size() >= SIZE) {
                verified.clear();
            }
        }
        verified.put(key(source, userId, password), new Verified(userId, result, now.plus(ttl)));
    }

    /** Forgets every verified sign-in of {@code userId}: her old password must not keep working from the cache. */
    void forget(String userId) {
        verified.values().removeIf(v -> v.userId().equals(userId));
    }

    private String key(String source, String userId, String password) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((source + "\u0000" + userId + "\u0000" + password)
                    .getBytes(StandardCharsets.UTF_8));
            return source + ":" + userId + ":" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
