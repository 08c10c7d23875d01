package dev.flowdesk.passwordreset;

import org.springframework.context.ApplicationContext;

import java.time.Clock;

/**
 * For tests whose application sends no mail (the browser tests' context): a reset link's token made by the
 * application's own {@link ResetTokens}, as a request would make it, without the mail that would carry it.
 */
public final class ResetLinks {

    private ResetLinks() {
    }

    /** A fresh token for {@code userId}, valid for the configured time; only its hash is stored. */
    public static String issue(ApplicationContext context, String userId) {
        var now = context.getBean(Clock.class).instant();
        return context.getBean(ResetTokens.class).issue(userId, now,
                now.plus(context.getBean(PasswordResetProperties.class).validFor()));
    }
}
