package dev.flowdesk.passwordreset;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code password_reset_token} table. A token is 256 random bits, URL-safe; only its SHA-256 is stored. A fast
 * hash is enough (as for API tokens): there is no guessable secret that a slow password hash would protect.
 */
@Component
class ResetTokens {

    /** What a token looks like; anything else is not looked up. */
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{32,64}");

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    ResetTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored token: whose it is, until when it works, and when it was used (null: not yet). */
    record Row(String userId, Instant expiresAt, Instant usedAt) {
        boolean usable(Instant now) {
            return usedAt == null && now.isBefore(expiresAt);
        }
    }

    /** A new token for {@code userId}; her earlier unused ones stop working. Returns the secret, never stored. */
    String issue(String userId, Instant now, Instant expiresAt) {
        jdbc.update("DELETE FROM password_reset_token WHERE user_id = ? AND used_at IS NULL", userId);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.queryForObject("select nextval('password_reset_token_id_seq')", Long.class);
        jdbc.update("INSERT INTO password_reset_token (id, user_id, token_hash, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?)", id, userId, hash(token), Timestamp.from(now), Timestamp.from(expiresAt));
        return token;
    }

    Optional<Row> find(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT user_id, expires_at, used_at FROM password_reset_token WHERE token_hash = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()), hash(token))
                .stream().findFirst();
    }

    /**
     * Marks the token used if it still is usable: one conditional update, so of two concurrent requests exactly one
     * gets {@code true} (the other waits for the row lock and then finds {@code used_at} set).
     */
    boolean consume(String token, Instant now) {
        return jdbc.update("UPDATE password_reset_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL"
                + " AND expires_at > ?", Timestamp.from(now), hash(token), Timestamp.from(now)) == 1;
    }

    /** Removes tokens past their expiry, used or not; returns how many. */
    int deleteExpired(Instant now) {
        return jdbc.update("DELETE FROM password_reset_token WHERE expires_at < ?", Timestamp.from(now));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
