package dev.flowdesk.security;

import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.stereotype.Component;

/**
 * Failed password sign-ins (login form and HTTP Basic, local or directory) go to the security audit. Successful
 * ones are recorded where a sign-in completes ({@link SecondFactorSignIn}, {@link OidcSignIn}), not on every
 * authenticated HTTP Basic request. {@link SignInThrottle} bounds how many failures one account or address can add.
 */
@Component
class SignInAudit {

    private final SecurityEvents audit;

    SignInAudit(SecurityEvents audit) {
        this.audit = audit;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        audit.record(SecurityEventKind.SIGN_IN_FAILED, name instanceof String account ? account : null, null,
                event.getException().getClass().getSimpleName());
    }
}
