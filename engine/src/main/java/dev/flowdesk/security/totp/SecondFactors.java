package dev.flowdesk.security.totp;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.RateWindow;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TOTP second factor (issue 15 part 2): enrolment (a 160-bit secret, its {@code otpauth://} URI and a QR code drawn
 * on the server), confirmation with a first code, ten single-use recovery codes stored as SHA-256, and the check at
 * sign-in. A code is accepted for the current 30-second step and one either side (clock drift), and only for a
 * step later than the last one accepted, so a code seen over someone's shoulder cannot be used again; the step moves
 * by a conditional update, so two requests racing with one code cannot both win. Five wrong codes per account within
 * five minutes stop further tries until the oldest leaves the window.
 */
@Service
@EnableConfigurationProperties(TotpProperties.class)
public class SecondFactors {

    static final int RECOVERY_CODES = 10;
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
    private static final Pattern RECOVERY = Pattern.compile("[a-z2-7]{5}-[a-z2-7]{5}");

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TotpProperties properties;
    private final RateWindow wrongCodes;
    private final SecureRandom random = new SecureRandom();

    SecondFactors(JdbcTemplate jdbc, Clock clock, TotpProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.wrongCodes = new RateWindow(5, Duration.ofMinutes(5), clock);
    }

    /** A started enrolment: the secret (base32, for typing), the URI the QR code holds, and the QR code as SVG. */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
    }

    /** The second factor of a user as she may see it (never the secret). */
    public record Status(boolean enrolled, boolean pending, boolean required, int recoveryCodesLeft) {
    }

    /** The answer to a code: accepted, or refused, or refused without looking because of too many wrong codes. */
    public record Check(boolean accepted, Optional<Duration> retryAfter) {
        static final Check ACCEPTED = new Check(true, Optional.empty());
        static final Check WRONG = new Check(false, Optional.empty());
    }

    /** Whether this user must use a second factor in the browser (her role requires it, or she enrolled). */
    public boolean needed(CurrentUser user) {
        return required(user) || enrolled(user.id());
    }

    public boolean required(CurrentUser user) {
        return user.roles().stream().anyMatch(properties.requiredRoles()::contains);
    }

    @Transactional(readOnly = true)
    public boolean enrolled(String userId) {
        return count("SELECT count(*) FROM totp_credential WHERE user_id = ? AND confirmed_at IS NOT NULL",
                userId) > 0;
    }

    @Transactional(readOnly = true)
    public Status status(CurrentUser user) {
        boolean enrolled = enrolled(user.id());
        boolean pending = !enrolled && count("SELECT count(*) FROM totp_credential WHERE user_id = ?", user.id()) > 0;
        int left = (int) count("SELECT count(*) FROM totp_recovery_code WHERE user_id = ? AND used_at IS NULL",
                user.id());
        return new Status(enrolled, pending, required(user), left);
    }

    /** The enrolment waiting for its first code, or a new one: a wrong code does not change the QR code shown. */
    @Transactional
    public Enrolment pendingOrNew(CurrentUser user) {
        String secret = jdbc.query("SELECT secret FROM totp_credential WHERE user_id = ? AND confirmed_at IS NULL",
                rs -> rs.next() ? rs.getString(1) : null, user.id());
        return secret == null ? start(user) : enrolment(user, secret);
    }

    /** Starts (or starts again) an enrolment; refused while a confirmed one exists (disable it first). */
    @Transactional
    public Enrolment start(CurrentUser user) {
        if (enrolled(user.id())) {
            throw DomainException.conflict("A second factor is already enrolled; disable it first.");
        }
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        String base32 = Totp.base32(secret);
        jdbc.update("DELETE FROM totp_credential WHERE user_id = ?", user.id());
        jdbc.update("INSERT INTO totp_credential (user_id, secret, confirmed_at, last_step, created_at)"
                + " VALUES (?, ?, NULL, 0, ?)", user.id(), base32, Timestamp.from(clock.instant()));
        return enrolment(user, base32);
    }

    private Enrolment enrolment(CurrentUser user, String base32) {
        String label = encode(properties.issuer() + ":" + user.id());
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer=" + encode(properties.issuer())
                + "&algorithm=SHA1&digits=6&period=30";
        return new Enrolment(base32, uri, QrCodeSvg.of(uri));
    }

    /**
     * Confirms a started enrolment with a code from the app; the ten recovery codes, shown this once. Empty when
     * the code is wrong (or throttled: see {@link #throttled}).
     */
    @Transactional
    public Optional<List<String>> confirm(String userId, String code) {
        String secret = jdbc.query("SELECT secret FROM totp_credential WHERE user_id = ? AND confirmed_at IS NULL",
                rs -> rs.next() ? rs.getString(1) : null, userId);
        if (secret == null) {
            throw DomainException.conflict("No enrolment is waiting for confirmation; start one first.");
        }
        if (throttled(userId).isPresent() || !totp(userId, secret, code)) {
            return Optional.empty();
        }
        jdbc.update("UPDATE totp_credential SET confirmed_at = ? WHERE user_id = ?", Timestamp.from(clock.instant()),
                userId);
        jdbc.update("DELETE FROM totp_recovery_code WHERE user_id = ?", userId);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[7];
            random.nextBytes(bytes);
            String raw = Totp.base32(bytes).toLowerCase(Locale.ROOT).substring(0, 10);
            String shown = raw.substring(0, 5) + "-" + raw.substring(5);
            jdbc.update("INSERT INTO totp_recovery_code (user_id, code_hash) VALUES (?, ?)", userId, sha256(shown));
            codes.add(shown);
        }
        return Optional.of(codes);
    }

    /** The check at sign-in: a current code of her app, or one of her unused recovery codes (used up by this). */
    @Transactional
    public Check verify(String userId, String code) {
        Optional<Duration> wait = throttled(userId);
        if (wait.isPresent()) {
            return new Check(false, wait);
        }
        String secret = jdbc.query("SELECT secret FROM totp_credential WHERE user_id = ? AND confirmed_at IS NOT NULL",
                rs -> rs.next() ? rs.getString(1) : null, userId);
        String given = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        boolean ok;
        if (secret != null && RECOVERY.matcher(given).matches()) {
            ok = jdbc.update("UPDATE totp_recovery_code SET used_at = ? WHERE user_id = ? AND code_hash = ?"
                    + " AND used_at IS NULL", Timestamp.from(clock.instant()), userId, sha256(given)) == 1;
            if (!ok) {
                wrongCodes.record(userId);
            }
        } else {
            ok = secret != null && totp(userId, secret, given);
        }
        return ok ? Check.ACCEPTED : Check.WRONG;
    }

    /** Switches the second factor off (the user, with a current code; or an administrator's reset). */
    @Transactional
    public void remove(String userId) {
        jdbc.update("DELETE FROM totp_recovery_code WHERE user_id = ?", userId);
        jdbc.update("DELETE FROM totp_credential WHERE user_id = ?", userId);
    }

    /** How long this account must wait before its next code is looked at; empty when it may try now. */
    public Optional<Duration> throttled(String userId) {
        return wrongCodes.waitFor(userId);
    }

    /** Checks a six-digit code and, when it matches a step later than the last one used, takes that step. */
    private boolean totp(String userId, String secret, String code) {
        if (code == null || !SIX_DIGITS.matcher(code.strip()).matches()) {
            wrongCodes.record(userId);
            return false;
        }
        byte[] key = Totp.fromBase32(secret);
        long now = Totp.step(clock.instant());
        for (long step = now - 1; step <= now + 1; step++) {
            if (MessageDigest.isEqual(Totp.code(key, step).getBytes(StandardCharsets.US_ASCII),
                    code.strip().getBytes(StandardCharsets.US_ASCII))) {
                if (jdbc.update("UPDATE totp_credential SET last_step = ? WHERE user_id = ? AND last_step < ?",
                        step, userId, step) == 1) {
                    wrongCodes.clear(userId);
                    return true;
                }
                break;
            }
        }
        wrongCodes.record(userId);
        return false;
    }

    private long count(String sql, String userId) {
        Long n = jdbc.queryForObject(sql, Long.class, userId);
        return n == null ? 0 : n;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
