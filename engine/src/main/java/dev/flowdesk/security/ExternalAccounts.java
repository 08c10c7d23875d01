package dev.flowdesk.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Users who sign in through a directory (LDAP/AD) or an OpenID Connect provider become, and stay, ordinary users of
 * Camunda's identity service: the same user ids appear as task assignees, the same group memberships make tasks'
 * candidate groups and Flowdesk's roles work, and {@link CamundaIdentityAuthenticationProvider#load} builds their
 * {@link CurrentUser} exactly as for a local account.
 * <p>
 * Each sign-in copies name and e-mail from the directory and sets the memberships of the groups that the mapping
 * manages (the targets of {@code group-mapping}): added when the directory grants them, removed when it no longer
 * does. Memberships an administrator gave by hand in other groups are left alone. Such a user has no usable local
 * password (user info {@value #SOURCE} names where she comes from), so the local sign-in refuses her; and a
 * directory never takes over a local account or one of another source with the same id: that sign-in is refused.
 */
@Service
public class ExternalAccounts {

    /** Camunda user info naming the source of an account: {@code ldap} or {@code oidc:<registration>}. */
    static final String SOURCE = "flowdesk.source";

    private static final Logger log = LoggerFactory.getLogger(ExternalAccounts.class);

    private final IdentityService identity;
    private final CamundaIdentityAuthenticationProvider users;
    private final ApplicationEventPublisher events;
    private final dev.flowdesk.security.audit.SecurityEvents audit;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    ExternalAccounts(IdentityService identity, CamundaIdentityAuthenticationProvider users,
                     ApplicationEventPublisher events, dev.flowdesk.security.audit.SecurityEvents audit) {
        this.audit = audit;
        this.identity = identity;
        this.users = users;
        this.events = events;
    }

    /** Who the directory says signed in, and which Flowdesk groups its groups map to. */
    public record ExternalIdentity(String source, String userId, String firstName, String lastName, String email,
                                   Set<String> groups, Set<String> managedGroups) {
        public ExternalIdentity {
            groups = Set.copyOf(groups);
            managedGroups = Set.copyOf(managedGroups);
        }
    }

    /** Creates or updates the account and its managed memberships; the user as a sign-in gives her. */
    @Transactional
    public CurrentUser signIn(ExternalIdentity who) {
        String id = who.userId();
        if (id == null || id.isBlank() || id.length() > 64) {
            throw new BadCredentialsException("The directory gave no usable user id.");
        }
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            copy(who, user);
            // Camunda's own password check (its web apps' login) needs a hash to compare with; this one is random
            // and never told to anyone, and the local sign-in refuses external accounts before checking it.
            user.setPassword(unusablePassword());
            identity.saveUser(user);
            identity.setUserInfo(id, SOURCE, who.source());
            log.info("Created account '{}' on first sign-in through {}", id, who.source());
        } else {
            String source = identity.getUserInfo(id, SOURCE);
            if (identity.getUserInfo(id, AccountLock.KEY) != null) {
                log.info("Refused sign-in through {} as '{}': the account is disabled", who.source(), id);
                throw new BadCredentialsException("Bad credentials");
            }
            if (!who.source().equals(source)) {
                // A directory entry must never become a local administrator or someone of another source.
                log.warn("Refused sign-in through {} as '{}': the account belongs to {}", who.source(), id,
                        source == null ? "the local accounts" : source);
                throw new BadCredentialsException("Bad credentials");
            }
            if (changed(who, user)) {
                copy(who, user);
                identity.saveUser(user);
            }
        }
        syncMemberships(id, who.source(), who.groups(), who.managedGroups());
        CurrentUser signedIn = users.load(id);
        events.publishEvent(new ExternalSignIn(who.source(), id, signedIn.email(), signedIn.name()));
        return signedIn;
    }

    /** Whether an account comes from a directory or identity provider (and so has no local password). */
    public boolean isExternal(String userId) {
        return identity.getUserInfo(userId, SOURCE) != null;
    }

    /** Whether an administrator disabled the account ({@link AccountLock}). */
    boolean isDisabled(String userId) {
        return identity.getUserInfo(userId, AccountLock.KEY) != null;
    }

    /** Where an account comes from: {@code ldap}, {@code oidc:<registration>}, or null for a local account. */
    public String source(String userId) {
        return identity.getUserInfo(userId, SOURCE);
    }

    private void syncMemberships(String userId, String source, Set<String> granted, Collection<String> managed) {
        Set<String> current = new HashSet<>();
        identity.createGroupQuery().groupMember(userId).list().forEach(g -> current.add(g.getId()));
        for (String group : managed) {
            boolean member = current.contains(group);
            if (granted.contains(group) && !member) {
                if (identity.createGroupQuery().groupId(group).count() == 0) {
                    log.warn("Group mapping names the group '{}', which does not exist; create it first", group);
                    continue;
                }
                identity.createMembership(userId, group);
                audit.record(dev.flowdesk.security.audit.SecurityEventKind.ROLE_CHANGED, source, userId,
                        "joined " + group);
            } else if (!granted.contains(group) && member) {
                identity.deleteMembership(userId, group);
                audit.record(dev.flowdesk.security.audit.SecurityEventKind.ROLE_CHANGED, source, userId,
                        "left " + group);
            }
        }
    }

    private String unusablePassword() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        // the suffix meets any password policy's character classes
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "aA1!";
    }

    private static boolean changed(ExternalIdentity who, User user) {
        return !java.util.Objects.equals(who.firstName(), user.getFirstName())
                || !java.util.Objects.equals(who.lastName(), user.getLastName())
                || !java.util.Objects.equals(who.email(), user.getEmail());
    }

    private static void copy(ExternalIdentity who, User user) {
        user.setFirstName(who.firstName());
        user.setLastName(who.lastName());
        user.setEmail(who.email());
    }
}
