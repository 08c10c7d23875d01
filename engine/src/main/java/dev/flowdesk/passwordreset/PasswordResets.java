package dev.flowdesk.passwordreset;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.AccountLock;
import dev.flowdesk.security.ExternalAccounts;
import dev.flowdesk.security.LocalPasswords;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Setting a new password with a mailed link: check the token, check the password (a refusal leaves the token
 * usable), consume the token, set the password ({@link LocalPasswords}: policy, sessions ended, cached sign-ins
 * forgotten), record the event; one transaction. An unknown, used or expired token gets one and the same answer.
 */
@Service
public class PasswordResets {

    private final ResetTokens tokens;
    private final LocalPasswords passwords;
    private final ExternalAccounts external;
    private final AccountLock lock;
    private final SecurityEvents audit;
    private final Clock clock;

    PasswordResets(ResetTokens tokens, LocalPasswords passwords, ExternalAccounts external, AccountLock lock,
                   SecurityEvents audit, Clock clock) {
        this.tokens = tokens;
        this.passwords = passwords;
        this.external = external;
        this.lock = lock;
        this.audit = audit;
        this.clock = clock;
    }

    /** Until when the token works; refused like a reset with it when it does not. */
    @Transactional(readOnly = true)
    public Instant validUntil(String token) {
        Instant now = clock.instant();
        return tokens.find(token).filter(row -> row.usable(now)).orElseThrow(PasswordResets::unusable).expiresAt();
    }

    @Transactional
    public void reset(String token, String password) {
        Instant now = clock.instant();
        ResetTokens.Row row = tokens.find(token).filter(r -> r.usable(now)).orElseThrow(PasswordResets::unusable);
        passwords.check(password);
        String userId = row.userId();
        // the account may have been disabled, erased or taken over by a directory since the link was mailed
        if (lock.isDisabled(userId) || external.isExternal(userId) || !tokens.consume(token, now)) {
            throw unusable();
        }
        int sessions;
        try {
            sessions = passwords.change(userId, password);
        } catch (DomainException.NotFound gone) {
            throw unusable();
        }
        audit.record(SecurityEventKind.PASSWORD_RESET, userId, userId,
                "through a mailed link; browser sessions ended: " + sessions);
    }

    private static DomainException unusable() {
        return DomainException.invalid("token", "This reset link is unknown, was used already or has expired;"
                + " ask for a new one.");
    }
}
