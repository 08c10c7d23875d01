package dev.flowdesk.mail.outbound;

import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.Mailboxes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Map;

/**
 * Mail about a person's account rather than a ticket (today the password reset link), on the one path of every mail:
 * a template of {@code mail/templates} in the person's language, written to the outbox in the caller's transaction
 * and sent after commit by {@link OutboxSender}. It is automatic mail, so the outbox's guards hold: nothing to an
 * address that bounced permanently, at most {@code flowdesk.mail.auto-answers-per-hour} per address.
 */
@Service
public class AccountMail {

    /** The template of the password reset mail; its body is removed from the outbox once sent ({@link OutboxMail}). */
    public static final String PASSWORD_RESET = "password-reset";

    /** What became of a mail: queued, or why not. */
    public enum Outcome { QUEUED, MAIL_OFF, WITHHELD }

    private final Mailboxes mailboxes;
    private final MailTemplates templates;
    private final Outbox outbox;
    private final MailProperties properties;

    AccountMail(Mailboxes mailboxes, MailTemplates templates, Outbox outbox, MailProperties properties) {
        this.mailboxes = mailboxes;
        this.templates = templates;
        this.outbox = outbox;
        this.properties = properties;
    }

    /**
     * Why no mail could go to {@code address} now (mail off, bounced, too many this hour); empty when it can. Asked
     * before a secret is made that only the mail would carry.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Outcome> refusal(String address) {
        if (!mailboxes.enabled()) {
            return java.util.Optional.of(Outcome.MAIL_OFF);
        }
        if (!outbox.mayAnswerAutomatically(address)) {
            return java.util.Optional.of(Outcome.WITHHELD);
        }
        return java.util.Optional.empty();
    }

    /**
     * Queues the reset mail to {@code address}: {@code pagePath} (path and fragment of the browser app's reset page,
     * holding the token) becomes a link under {@code flowdesk.mail.public-url}, like the ticket links of other mails.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome passwordReset(String address, String language, String name, String pagePath, long validMinutes) {
        java.util.Optional<Outcome> refused = refusal(address);
        if (refused.isPresent()) {
            return refused.get();
        }
        MailTemplates.Rendered mail = templates.render(PASSWORD_RESET, language, Map.of(
                "name", name.replaceAll("\\s+", " ").strip(),
                "resetUrl", properties.pageUrl(pagePath),
                "validMinutes", Long.toString(validMinutes)));
        try {
            outbox.enqueue(new Outbox.OutgoingMail(null, PASSWORD_RESET, address, List.of(), mail.subject(),
                    mail.body(), null, List.of(), "auto-generated"));
        } catch (IllegalArgumentException e) {
            // an address no mail header may carry (a user's e-mail field is free text)
            return Outcome.WITHHELD;
        }
        return Outcome.QUEUED;
    }
}
