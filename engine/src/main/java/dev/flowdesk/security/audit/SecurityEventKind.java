package dev.flowdesk.security.audit;

/** What a {@code security_event} row records. */
public enum SecurityEventKind {
    /** An interactive sign-in completed (form, second factor, identity provider); not every HTTP Basic request. */
    SIGN_IN,
    /** A password sign-in (form or HTTP Basic) failed. */
    SIGN_IN_FAILED,
    SECOND_FACTOR_FAILED,
    SECOND_FACTOR_ENROLLED,
    SECOND_FACTOR_REMOVED,
    /** A user's group memberships, and so possibly her roles, changed. */
    ROLE_CHANGED,
    /** An administrator created a local account (or changed one, or set its password). */
    USER_CREATED,
    USER_CHANGED,
    /** A password was set anew: by an administrator, or by its owner through a mailed reset link. */
    PASSWORD_RESET,
    /** Someone asked for a password reset link (subject: the account, when one was mailed). */
    PASSWORD_RESET_REQUESTED,
    /** An account was disabled (sessions ended, tokens revoked) or enabled again. */
    USER_DISABLED,
    USER_ENABLED,
    /** A group was created or renamed; a change of the role it grants is a {@link #ROLE_CHANGED}. */
    GROUP_CHANGED,
    /** A tenant was created, or a user's tenant changed. */
    TENANT_CHANGED,
    TOKEN_CREATED,
    TOKEN_REVOKED,
    DEPLOYMENT,
    RULE_ACTIVATION,
    EXPORT,
    /** An administrator erased or pseudonymised a person (subject: the pseudonym, never the erased data). */
    PERSON_ERASED,
    /** A run of the retention job over closed tickets (issue 15 part 6). */
    RETENTION_RUN
}
