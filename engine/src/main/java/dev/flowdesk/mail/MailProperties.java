package dev.flowdesk.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code flowdesk.mail.*}: the e-mail channel. Without {@code from} and without a mailbox, mail is off: nothing is
 * polled and no mail is written to the outbox. SMTP comes from Spring Boot's {@code spring.mail.*}. The mailboxes here
 * are copied into the {@code mailbox} table on the first start only; afterwards admins manage them over REST and
 * {@link Mailboxes} is the one place that knows them.
 *
 * @param from            the sender of every automatic mail ({@code support@example.com}); its domain is the
 *                        right-hand side of our Message-IDs, which is how our own mail is recognised when it comes back
 * @param mailboxes       the IMAP(S) mailboxes of the first start (the seed of {@link Mailboxes})
 * @param sendInterval    how often the sender job looks for due outbox rows
 * @param retryBackoff    the first retry delay of a failed delivery; it doubles per attempt (capped at one hour)
 * @param maxAttempts     deliveries tried before a row is given up (and the failure recorded on its ticket)
 * @param autoAnswersPerHour automatic answers one address receives per hour at most (RFC 3834 §2: avoid loops)
 * @param sendClaim       how long a sender holds a row it is sending; a row still held after that (its node died
 *                        mid-send) is sent again. Longer than one SMTP delivery may take (the SMTP timeouts in
 *                        {@code spring.mail.properties}), shorter than the wait you accept after a crash
 * @param idle            watch mailboxes with IMAP IDLE where the server offers it, so new mail is polled at once
 *                        rather than at the next poll interval (which stays as the safety net)
 * @param publicUrl       where users reach Flowdesk in a browser ({@code https://desk.example.com}): mails link to
 *                        the ticket there ({@code $ticketUrl}, e.g. to rate the help in the resolved mail)
 */
@ConfigurationProperties("flowdesk.mail")
public record MailProperties(String from, @DefaultValue List<Mailbox> mailboxes,
                             @DefaultValue("PT10S") Duration sendInterval,
                             @DefaultValue("PT30S") Duration retryBackoff,
                             @DefaultValue("10") int maxAttempts,
                             @DefaultValue("5") int autoAnswersPerHour,
                             @DefaultValue("PT5M") Duration sendClaim,
                             @DefaultValue("true") boolean idle,
                             @DefaultValue("http://localhost:8080") String publicUrl) {

    /** A page of the browser app, for links in mails ({@code path} starts with a slash). */
    public String pageUrl(String path) {
        String base = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        return base + path;
    }

    /** The requester's page of the ticket, for links in mails. */
    public String ticketUrl(long ticketId) {
        String base = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
        return base + "/#/tickets/" + ticketId;
    }

    /**
     * One polled mailbox.
     *
     * @param url          {@code imap://user:password@host:port/INBOX} or {@code imaps://...}
     * @param address      the address customers write to (never a requester or watcher of our own tickets)
     * @param queue        the queue new tickets from this mailbox go to (null: the rules decide)
     * @param type         the ticket type of new tickets (default INCIDENT, as {@code POST /api/tickets})
     * @param process      the process new tickets start (null: the type's default process)
     * @param pollInterval how often the mailbox is polled
     * @param idle         watched with IMAP IDLE where the server offers it
     */
    public record Mailbox(String url, String address, String queue, @DefaultValue("INCIDENT") String type,
                          String process, @DefaultValue("PT30S") Duration pollInterval,
                          @DefaultValue("true") boolean idle) {

        public Mailbox {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("flowdesk.mail.mailboxes[].url is required");
            }
            String scheme = URI.create(url).getScheme();
            if (!"imap".equals(scheme) && !"imaps".equals(scheme)) {
                throw new IllegalArgumentException("flowdesk.mail.mailboxes[].url must be imap:// or imaps://");
            }
            if (address == null || !address.contains("@")) {
                throw new IllegalArgumentException("flowdesk.mail.mailboxes[].address (an address) is required");
            }
        }
    }

    public MailProperties {
        mailboxes = mailboxes == null ? List.of() : List.copyOf(mailboxes);
        if (!mailboxes.isEmpty() && (from == null || !from.contains("@"))) {
            throw new IllegalArgumentException("flowdesk.mail.from (an address) is required when a mailbox is set");
        }
    }

    /** The domain of our Message-IDs: the domain of {@link #from}. */
    public String messageIdDomain() {
        return from == null ? "flowdesk.invalid" : from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
