package dev.flowdesk.security.token;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API tokens for integrations (issue 15 part 3): created by a user for themselves or by an administrator for a
 * service account, shown once, stored as the SHA-256 of the secret, scoped ({@link TokenScope}), expiring and
 * revocable, last use recorded.
 * <p>
 * The secret is 256 random bits, so a fast hash is enough: there is nothing to guess that a slow password hash would
 * protect, and a bearer request costs one indexed lookup instead of a bcrypt round. The {@value #PREFIX} prefix lets
 * secret scanners (and people) recognise a leaked token. The last use is written at most once a minute per token,
 * so a busy integration does not turn every read into a write.
 */
@Service
public class ApiTokens {

    /** The recognisable start of every Flowdesk token. */
    public static final String PREFIX = "fdt_";
    static final Duration LONGEST_LIFE = Duration.ofDays(366);
    private static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final int MAX_NAME = 100;
    private static final int MAX_LIVE_TOKENS_PER_USER = 50;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SecurityEvents audit;

    ApiTokens(JdbcTemplate jdbc, Clock clock, SecurityEvents audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** What a client asks for: a name for people, the scopes and the expiry. */
    @dev.flowdesk.web.StrictBody
    public record Request(String name, List<String> scopes, Instant expiresAt) {
    }

    /** A new token: the only time its secret leaves the server. */
    public record Created(long id, String token, String name, List<String> scopes, Instant expiresAt) {
    }

    /** A token as lists show it: never the secret, only its first characters to tell tokens apart. */
    public record TokenInfo(long id, String userId, String name, String hint, List<String> scopes, String createdBy,
                            Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    }

    /** A token that authenticated a request: whose it is and what it may do. */
    public record Valid(long id, String userId, Set<TokenScope> scopes) {
    }

    /** Creates a token for {@code owner}; {@code createdBy} is the caller (the owner, or an administrator). */
    @Transactional
    public Created create(String owner, String createdBy, Request request) {
        if (request == null) {
            throw DomainException.badRequest("a body {name, scopes[], expiresAt} is required");
        }
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("name", "must be at most " + MAX_NAME + " characters without control characters"));
        }
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        if (request.scopes() == null || request.scopes().isEmpty()) {
            errors.add(new FieldError("scopes", "name at least one scope: " + allowedScopes()));
        } else {
            for (int i = 0; i < request.scopes().size(); i++) {
                Optional<TokenScope> scope = TokenScope.of(request.scopes().get(i));
                if (scope.isEmpty()) {
                    errors.add(new FieldError("scopes[" + i + "]", "is not one of " + allowedScopes()));
                } else {
                    scopes.add(scope.get());
                }
            }
        }
        if (request.expiresAt() == null) {
            errors.add(new FieldError("expiresAt", "is required (an ISO-8601 instant)"));
        } else if (!request.expiresAt().isAfter(now)) {
            errors.add(new FieldError("expiresAt", "must be in the future"));
        } else if (request.expiresAt().isAfter(now.plus(LONGEST_LIFE))) {
            errors.add(new FieldError("expiresAt", "must be at most " + LONGEST_LIFE.toDays() + " days ahead"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        Integer live = jdbc.queryForObject("select count(*) from api_token where user_id = ? and revoked_at is null"
                + " and expires_at > ?", Integer.class, owner, Timestamp.from(now));
        if (live != null && live >= MAX_LIVE_TOKENS_PER_USER) {
            throw DomainException.conflict(owner + " already has " + MAX_LIVE_TOKENS_PER_USER
                    + " live tokens; revoke one first");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.queryForObject("select nextval('api_token_id_seq')", Long.class);
        String stored = scopes.stream().map(TokenScope::value).collect(Collectors.joining(" "));
        jdbc.update("insert into api_token (id, user_id, name, token_hash, hint, scopes, created_by, created_at,"
                        + " expires_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, owner, name, hash(token), token.substring(0, PREFIX.length() + 4), stored, createdBy,
                Timestamp.from(now), Timestamp.from(request.expiresAt()));
        audit.record(SecurityEventKind.TOKEN_CREATED, createdBy, owner, "token " + id + " \"" + name + "\" "
                + stored + ", expires " + request.expiresAt());
        return new Created(id, token, name, List.of(stored.split(" ")), request.expiresAt());
    }

    /** The tokens of one user, newest first (revoked and expired ones too, so the owner sees what happened). */
    public List<TokenInfo> list(String userId) {
        return jdbc.query("select * from api_token where user_id = ? order by created_at desc, id desc", INFO, userId);
    }

    /** Every user's tokens, newest first, at most 500 (the administrators' list). */
    public List<TokenInfo> listAll() {
        return jdbc.query("select * from api_token order by created_at desc, id desc limit 500", INFO);
    }

    /**
     * Revokes a token of {@code owner}; one of another user answers 404 like one that does not exist. Revoking twice
     * changes nothing.
     */
    @Transactional
    public TokenInfo revoke(String owner, long id) {
        if (jdbc.update("update api_token set revoked_at = ? where id = ? and user_id = ? and revoked_at is null",
                Timestamp.from(clock.instant()), id, owner) == 1) {
            var actor = dev.flowdesk.security.CurrentUsers.orNull();
            audit.record(SecurityEventKind.TOKEN_REVOKED, actor == null ? null : actor.id(), owner, "token " + id);
        }
        return jdbc.query("select * from api_token where id = ? and user_id = ?", INFO, id, owner).stream()
                .findFirst().orElseThrow(() -> DomainException.notFound("token " + id));
    }

    /** Revokes any user's token (administrators). */
    @Transactional
    public TokenInfo revokeAny(long id) {
        String owner = jdbc.query("select user_id from api_token where id = ?", (rs, i) -> rs.getString(1), id)
                .stream().findFirst().orElseThrow(() -> DomainException.notFound("token " + id));
        return revoke(owner, id);
    }

    /**
     * The live token with this secret, recording its use; empty for an unknown, revoked or expired one. One indexed
     * lookup by the hash, and at most one small update a minute.
     */
    public Optional<Valid> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Row> rows = jdbc.query("select id, user_id, scopes, expires_at, revoked_at, last_used_at from api_token"
                + " where token_hash = ?", (rs, i) -> new Row(rs.getLong("id"), rs.getString("user_id"),
                rs.getString("scopes"), instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at"))), hash(secret));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row row = rows.get(0);
        if (row.revokedAt() != null || !now.isBefore(row.expiresAt())) {
            return Optional.empty();
        }
        if (row.lastUsedAt() == null || !row.lastUsedAt().plus(LAST_USE_RESOLUTION).isAfter(now)) {
            Timestamp earliest = Timestamp.from(now.minus(LAST_USE_RESOLUTION));
            jdbc.update("update api_token set last_used_at = ? where id = ? and (last_used_at is null"
                    + " or last_used_at <= ?)", Timestamp.from(now), row.id(), earliest);
        }
        return Optional.of(new Valid(row.id(), row.userId(), parse(row.scopes())));
    }

    private record Row(long id, String userId, String scopes, Instant expiresAt, Instant revokedAt,
                       Instant lastUsedAt) {
    }

    private static final RowMapper<TokenInfo> INFO = (rs, i) -> new TokenInfo(rs.getLong("id"),
            rs.getString("user_id"), rs.getString("name"), rs.getString("hint"),
            List.of(rs.getString("scopes").split(" ")), rs.getString("created_by"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
            instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at")));

    private static Set<TokenScope> parse(String stored) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String value : stored.split(" ")) {
            TokenScope.of(value).ifPresent(scopes::add);
        }
        return scopes;
    }

    private static String allowedScopes() {
        Set<String> names = new LinkedHashSet<>();
        for (TokenScope scope : TokenScope.values()) {
            names.add(scope.value());
        }
        return String.join(", ", names);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
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
