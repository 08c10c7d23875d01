package dev.flowdesk.security;

import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/**
 * Disabled accounts (issue 15 part 4). Camunda's identity service has no "disabled" flag, and deleting a user would
 * orphan her tickets, tasks and history, so a disabled account keeps its row and gets the user info {@value #KEY}
 * (the instant it was disabled). Every way in asks {@link #isDisabled}: the local password sign-in (before the
 * verified-sign-in cache, so a disabled user's cached Basic credentials stop at once), directory and OpenID Connect
 * sign-ins ({@link ExternalAccounts}) and bearer tokens; disabling also ends her browser sessions (Spring Session's
 * rows of her principal, on every node) and revokes her live API tokens, in the same transaction.
 */
@Service
public class AccountLock {

    /** Camunda user info marking a disabled account. */
    static final String KEY = "flowdesk.disabled";

    private final IdentityService identity;
    private final JdbcTemplate jdbc;
    private final SecurityEvents audit;
    private final Clock clock;

    AccountLock(IdentityService identity, JdbcTemplate jdbc, SecurityEvents audit, Clock clock) {
        this.identity = identity;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public boolean isDisabled(String userId) {
        return userId != null && identity.getUserInfo(userId, KEY) != null;
    }

    /** Disables the account, ends its sessions and revokes its tokens; disabling twice changes nothing. */
    @Transactional
    public void disable(String userId, String actor) {
        if (isDisabled(userId)) {
            return;
        }
        identity.setUserInfo(userId, KEY, clock.instant().toString());
        int sessions = jdbc.update("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", userId);
        int tokens = jdbc.update("UPDATE api_token SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                java.sql.Timestamp.from(clock.instant()), userId);
        audit.record(SecurityEventKind.USER_DISABLED, actor, userId, "sessions ended: " + sessions
                + ", tokens revoked: " + tokens);
    }

    /** Lets the account sign in again (its revoked tokens stay revoked); enabling twice changes nothing. */
    @Transactional
    public void enable(String userId, String actor) {
        if (!isDisabled(userId)) {
            return;
        }
        identity.deleteUserInfo(userId, KEY);
        audit.record(SecurityEventKind.USER_ENABLED, actor, userId, null);
    }
}
