package dev.flowdesk.privacy;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable pseudonyms for people whose data is erased or has passed its retention period: {@code person-<hash>}, the
 * same for the same person everywhere, so that a ticket's history, counts and reports stay consistent. The hash is an
 * HMAC-SHA-256 keyed with this installation's secret (table {@code privacy_key}, created at first use): a plain hash
 * of an e-mail address could be recomputed by anyone who guesses the address, which would undo the erasure.
 */
@Component
public class Pseudonyms {

    /** Where a pseudonym stands in for an e-mail address: RFC 2606 reserves {@code .invalid}, so it never delivers. */
    static final String ADDRESS_DOMAIN = "@erased.invalid";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private volatile byte[] key;

    Pseudonyms(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // the key is made in a transaction of its own: a lost race must not abort the caller's (PostgreSQL would)
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The pseudonym of a person known by a user id or an e-mail address (addresses in any case are one person). */
    public String of(String userIdOrEmail) {
        String subject = userIdOrEmail.contains("@") ? userIdOrEmail.strip().toLowerCase(Locale.ROOT)
                : userIdOrEmail.strip();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] hash = mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
            return "person-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The pseudonym where an address was: {@code person-<hash>@erased.invalid}. */
    public String address(String email) {
        return of(email) + ADDRESS_DOMAIN;
    }

    /** Whether a value is already a pseudonym (or a pseudonymous address): nothing left to replace. */
    public static boolean isPseudonym(String value) {
        return value != null && value.matches("person-[0-9a-f]{16}(" + java.util.regex.Pattern.quote(ADDRESS_DOMAIN)
                + ")?");
    }

    private byte[] key() {
        byte[] known = key;
        if (known != null) {
            return known;
        }
        var stored = jdbc.queryForList("select secret from privacy_key where id = 1", String.class);
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                ownTransaction.executeWithoutResult(status -> jdbc.update(
                        "insert into privacy_key (id, secret) values (1, ?)", HexFormat.of().formatHex(fresh)));
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // two nodes at once: the first insert wins, both read it below
            }
            stored = jdbc.queryForList("select secret from privacy_key where id = 1", String.class);
        }
        key = HexFormat.of().parseHex(stored.get(0));
        return key;
    }
}
