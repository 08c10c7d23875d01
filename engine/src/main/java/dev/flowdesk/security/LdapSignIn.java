package dev.flowdesk.security;

import org.springframework.ldap.core.DirContextOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;

import java.util.HashSet;
import java.util.Set;

/**
 * Password sign-in against the directory ({@link LdapProperties}), tried after the local accounts: the user is
 * searched with the manager account, binds with her own password (the directory checks it; Flowdesk never stores
 * it), her groups are searched and mapped, and {@link ExternalAccounts} makes her an ordinary Camunda user with those
 * memberships. Verified sign-ins are reused for a short time ({@link VerifiedSignIns}) so that an API client with
 * HTTP Basic does not bind and write memberships on every request.
 */
final class LdapSignIn implements AuthenticationProvider {

    private final LdapProperties properties;
    private final BindAuthenticator authenticator;
    private final DefaultLdapAuthoritiesPopulator groups;
    private final ExternalAccounts accounts;
    private final VerifiedSignIns verified;

    LdapSignIn(LdapProperties properties, ExternalAccounts accounts, VerifiedSignIns verified) {
        this.properties = properties;
        this.accounts = accounts;
        this.verified = verified;
        DefaultSpringSecurityContextSource context = new DefaultSpringSecurityContextSource(properties.url());
        if (properties.managerDn() != null && !properties.managerDn().isBlank()) {
            context.setUserDn(properties.managerDn());
            context.setPassword(properties.managerPassword());
        }
        context.afterPropertiesSet();
        this.authenticator = new BindAuthenticator(context);
        FilterBasedLdapUserSearch search = new FilterBasedLdapUserSearch(properties.userSearchBase(),
                properties.userSearchFilter(), context);
        search.setSearchSubtree(true);
        authenticator.setUserSearch(search);
        this.groups = new DefaultLdapAuthoritiesPopulator(context, properties.groupSearchBase());
        groups.setGroupSearchFilter(properties.groupSearchFilter());
        groups.setGroupRoleAttribute(properties.groupNameAttribute());
        groups.setRolePrefix("");
        groups.setConvertToUpperCase(false);
        groups.setSearchSubtree(true);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Object password = authentication.getCredentials();
        if (name == null || name.isBlank() || password == null || password.toString().isEmpty()) {
            // An empty password would be an anonymous bind, which many directories accept.
            throw new BadCredentialsException("Bad credentials");
        }
        Authentication hit = verified.get("ldap", name, password.toString());
        if (hit != null && !accounts.isDisabled(((CurrentUser) hit.getPrincipal()).id())) {
            return hit;
        }
        DirContextOperations entry = authenticator.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(name, password.toString()));
        Set<String> directoryGroups = new HashSet<>();
        for (GrantedAuthority group : groups.getGrantedAuthorities(entry, name)) {
            directoryGroups.add(group.getAuthority());
        }
        Set<String> mapped = new HashSet<>();
        properties.groupMapping().forEach((directoryGroup, flowdeskGroups) -> {
            if (directoryGroups.contains(directoryGroup)) {
                mapped.addAll(flowdeskGroups);
            }
        });
        String id = entry.getStringAttribute(properties.idAttribute());
        CurrentUser user = accounts.signIn(new ExternalAccounts.ExternalIdentity("ldap", id == null ? name : id,
                entry.getStringAttribute(properties.firstNameAttribute()),
                entry.getStringAttribute(properties.lastNameAttribute()),
                entry.getStringAttribute(properties.emailAttribute()), mapped, properties.managedGroups()));
        Authentication result = UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        verified.put("ldap", name, password.toString(), result);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
