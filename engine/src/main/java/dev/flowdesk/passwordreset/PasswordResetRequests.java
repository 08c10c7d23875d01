package dev.flowdesk.passwordreset;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.mail.outbound.AccountMail;
import dev.flowdesk.security.AccountLock;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.ExternalAccounts;
import dev.flowdesk.security.RateWindow;
import dev.flowdesk.security.UserDirectory;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * "I forgot my password": for a local account with an e-mail address that is not disabled, a new reset token and
 * its mail, in one transaction; for anything else, nothing. The caller's answer is the same either way (no user
 * enumeration), and so is the throttle: requests are counted per typed login and per client address before anyone
 * is looked up, so a 429 says nothing about whether the account exists. A found account is counted once more under
 * its id (one person reachable by id and by address), and beyond that limit no further mail goes out, silently.
 */
@Service
public class PasswordResetRequests {

    /** The browser app's reset page; the token travels in the fragment, which browsers never send to a server. */
    static final String PAGE = "/password-reset.html#";
    private static final int MAX_LOGIN = 254;

    private final ResetTokens tokens;
    private final UserDirectory directory;
    private final ExternalAccounts external;
    private final AccountLock lock;
    private final AccountMail mail;
    private final SecurityEvents audit;
    private final PasswordResetProperties properties;
    private final Clock clock;
    private final RateWindow byLogin;
    private final RateWindow byAddress;
    private final RateWindow byAccount;

    PasswordResetRequests(ResetTokens tokens, UserDirectory directory, ExternalAccounts external, AccountLock lock,
                          AccountMail mail, SecurityEvents audit, PasswordResetProperties properties, Clock clock) {
        this.tokens = tokens;
        this.directory = directory;
        this.external = external;
        this.lock = lock;
        this.mail = mail;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.byLogin = new RateWindow(properties.requestsPerAccount(), properties.requestWindow(), clock);
        this.byAddress = new RateWindow(properties.requestsPerAddress(), properties.requestWindow(), clock);
        this.byAccount = new RateWindow(properties.requestsPerAccount(), properties.requestWindow(), clock);
    }

    /**
     * Handles one request from {@code address}; returns how long the caller must wait when throttled (and then did
     * nothing), else empty.
     */
    @Transactional
    public Optional<Duration> request(String login, String address) {
        String typed = checked(login);
        String loginKey = typed.toLowerCase(Locale.ROOT);
        Optional<Duration> wait = longer(byLogin.waitFor(loginKey), byAddress.waitFor(address));
        if (wait.isPresent()) {
            return wait;
        }
        byLogin.record(loginKey);
        byAddress.record(address);

        Optional<CurrentUser> account = directory.byId(typed).or(() -> directory.byEmail(typed));
        String outcome = account.isEmpty() ? "no local account with an address matches" : refusal(account.get());
        String subject = null;
        if (outcome == null) {
            CurrentUser user = account.get();
            subject = user.id();
            if (byAccount.waitFor(user.id()).isPresent()) {
                outcome = "no mail: too many requests for this account";
            } else {
                byAccount.record(user.id());
                outcome = issueAndMail(user);
            }
        }
        audit.record(SecurityEventKind.PASSWORD_RESET_REQUESTED, null, subject, outcome);
        return Optional.empty();
    }

    /** A new token and its mail; no token when no mail could carry it (an earlier link then stays valid). */
    private String issueAndMail(CurrentUser user) {
        String address = user.email().strip();
        AccountMail.Outcome sent = mail.refusal(address).orElse(null);
        if (sent == null) {
            Instant now = clock.instant();
            String token = tokens.issue(user.id(), now, now.plus(properties.validFor()));
            String language = directory.language(user.id());
            sent = mail.passwordReset(address, language != null && language.startsWith("de") ? "de" : "en",
                    user.name(), PAGE + token, Math.max(1, properties.validFor().toMinutes()));
        }
        return switch (sent) {
            case QUEUED -> "link mailed, valid for " + properties.validFor();
            case MAIL_OFF -> "no mail: mail is not configured";
            case WITHHELD -> "no mail: the address bounced or had too many automatic mails this hour";
        };
    }

    /** Why this account gets no reset link, or null when it may have one. */
    private String refusal(CurrentUser user) {
        if (external.isExternal(user.id())) {
            return "no mail: the account signs in through " + external.source(user.id());
        }
        if (lock.isDisabled(user.id())) {
            return "no mail: the account is disabled";
        }
        if (user.email() == null || !user.email().contains("@")) {
            return "no mail: the account has no e-mail address";
        }
        return null;
    }

    private static String checked(String login) {
        String typed = login == null ? "" : login.strip();
        if (typed.isEmpty()) {
            throw DomainException.invalid("login", "is required: your user id or e-mail address");
        }
        if (typed.length() > MAX_LOGIN || typed.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("login", "must be a user id or an e-mail address of at most " + MAX_LOGIN
                    + " characters without control characters");
        }
        return typed;
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isPresent() && b.isPresent()) {
            return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
        }
        return a.isPresent() ? a : b;
    }
}
