package dev.flowdesk.security;

/**
 * Published (inside the sign-in's transaction) when someone signs in through a directory or an identity provider,
 * so that features that keep their own record of people (the contact of {@code organisation}) create or link it
 * without the security package knowing them. {@code source} is {@code ldap} or {@code oidc:<registration>}.
 */
public record ExternalSignIn(String source, String userId, String email, String name) {
}
