package dev.flowdesk.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Authenticates against Camunda's identity service (users, salted password hashes, groups), so that the users who
 * appear as task assignees and candidate-group members are the same users who sign in. Roles come from group types.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

    private final IdentityService identityService;
    private final java.time.Duration cacheTtl;
    private final VerifiedSignIns verified;

    CamundaIdentityAuthenticationProvider(IdentityService identityService, SecurityProperties properties,
                                          java.time.Clock clock) {
        this.identityService = identityService;
        this.cacheTtl = properties.credentialCache();
        this.verified = new VerifiedSignIns(cacheTtl, clock);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (userId == null || userId.isBlank() || credentials == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        if (identityService.getUserInfo(userId, AccountLock.KEY) != null) {
            // disabled (AccountLock): checked before the cache, so cached credentials stop working at once
            throw new BadCredentialsException("Bad credentials");
        }
        Authentication hit = verified.get("local", userId, credentials.toString());
        if (hit != null) {
            return hit;
        }
        // Accounts of a directory or identity provider have no local password: the provider for them decides.
        if (identityService.getUserInfo(userId, ExternalAccounts.SOURCE) != null
                || !identityService.checkPassword(userId, credentials.toString())) {
            // Same message for unknown user and wrong password: do not reveal which user ids exist.
            throw new BadCredentialsException("Bad credentials");
        }
        CurrentUser user = load(userId);
        List<SimpleGrantedAuthority> authorities = user.roles().stream()
                .map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        Authentication result = UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        verified.put("local", userId, credentials.toString(), result);
        return result;
    }

    /** Forgets the verified local sign-ins of {@code userId} (her password changed). */
    void forgetVerified(String userId) {
        verified.forget(userId);
    }

    /** How long a verified sign-in is reused (also for directory sign-ins). */
    java.time.Duration cacheTtl() {
        return cacheTtl;
    }

    CurrentUser load(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        List<Group> groups = identityService.createGroupQuery().groupMember(userId).orderByGroupId().asc().list();
        Set<Role> roles = EnumSet.of(Role.USER);
        for (Group group : groups) {
            if (CAMUNDA_ADMIN_GROUP.equals(group.getId())) {
                roles.add(Role.ADMIN);
            }
            String type = group.getType() == null ? "" : group.getType().toLowerCase(Locale.ROOT);
            switch (type) {
                case "agent" -> roles.add(Role.AGENT);
                case "approver" -> roles.add(Role.APPROVER);
                case "designer" -> roles.add(Role.DESIGNER);
                case "admin" -> roles.add(Role.ADMIN);
                default -> { }
            }
        }
        Tenant tenant = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
                .orderByTenantId().asc().listPage(0, 1).stream().findFirst().orElse(null);
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return new CurrentUser(user.getId(), name.isEmpty() ? user.getId() : name, user.getEmail(),
                groups.stream().map(Group::getId).toList(), roles, tenant == null ? null : tenant.getId());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
