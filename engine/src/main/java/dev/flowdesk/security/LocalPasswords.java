package dev.flowdesk.security;

import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sets a new password on a local account for its owner (the mailed reset link), and takes away what the old one
 * still opened. The password goes through Camunda's identity service, so its password policy
 * ({@link PasswordPolicyPlugin}) decides, and a refusal names the rules before anything is written. In the caller's
 * transaction the user's browser sessions end (Spring Session's rows of her principal, on every node, as
 * {@link AccountLock} does) and Camunda's login delay of earlier failures is lifted; after commit her verified
 * HTTP Basic sign-ins are forgotten, so the old password does not keep working for the
 * {@code flowdesk.security.credential-cache} time. (After the commit: a sign-in with the old password racing the
 * change could otherwise be cached again.)
 */
@Service
public class LocalPasswords {

    /** Longer than any passphrase a person types; keeps hashing cost bounded. */
    static final int MAX_LENGTH = 200;

    private final IdentityService identity;
    private final JdbcTemplate jdbc;
    private final CamundaIdentityAuthenticationProvider signIns;

    LocalPasswords(IdentityService identity, JdbcTemplate jdbc, CamundaIdentityAuthenticationProvider signIns) {
        this.identity = identity;
        this.jdbc = jdbc;
        this.signIns = signIns;
    }

    /** Refuses, naming {@code password}, a password that is empty, too long, or against the policy. */
    public void check(String password) {
        check(password, null);
    }

    /** As {@link #check(String)}; with the user, the policy's rule against her own id, names and address applies too. */
    private void check(String password, User user) {
        if (password == null || password.isEmpty()) {
            throw DomainException.invalid("password", "is required");
        }
        if (password.length() > MAX_LENGTH || password.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("password", "must be at most " + MAX_LENGTH
                    + " characters without control characters");
        }
        // Camunda's policy is on outside the demo; without one, getPasswordPolicy() is null
        var policy = identity.getPasswordPolicy();
        if (policy != null) {
            PasswordPolicyResult result = identity.checkPasswordAgainstPolicy(policy, password, user);
            if (!result.isValid()) {
                throw DomainException.invalid("password", "does not meet the password policy: "
                        + result.getViolatedRules().stream().map(r -> r.getPlaceholder()
                        + (r.getParameters() == null ? "" : " " + r.getParameters())).toList());
            }
        }
    }

    /**
     * Sets {@code password} (checked as {@link #check}) on the local account {@code userId}; returns how many of her
     * browser sessions ended.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int change(String userId, String password) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw DomainException.notFound("user " + userId);
        }
        check(password, user);
        user.setPassword(password);
        try {
            identity.saveUser(user);
        } catch (ProcessEngineException e) {
            // the policy changed between check and save, or a plugin refuses: still the password's fault
            throw DomainException.invalid("password", "does not meet the password policy");
        }
        // Camunda's own login delay after failed attempts would refuse the new password for a while
        identity.unlockUser(userId);
        int sessions = jdbc.update("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", userId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    signIns.forgetVerified(userId);
                }
            });
        }
        signIns.forgetVerified(userId);
        return sessions;
    }
}
