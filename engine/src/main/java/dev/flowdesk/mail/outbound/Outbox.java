package dev.flowdesk.mail.outbound;

import dev.flowdesk.mail.MailBounces;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.MailThreads;
import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The mail outbox: mails are written here in the transaction of the change that causes them (so a rolled-back change
 * sends nothing) and sent after commit by {@link OutboxSender}. Every mail gets our own Message-ID, stored for
 * threading the answers; automatic mail is limited per address and per hour and never goes to an address that
 * bounced permanently.
 */
@Service
public class Outbox {

    private final OutboxRepository outbox;
    private final MailThreads threads;
    private final MailBounces bounces;
    private final MailProperties properties;
    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;
    private final Clock clock;

    Outbox(OutboxRepository outbox, MailThreads threads, MailBounces bounces, MailProperties properties,
           JdbcTemplate jdbc, EntityManager entityManager, Clock clock) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
        this.threads = threads;
        this.bounces = bounces;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A mail to queue.
     *
     * @param autoSubmitted RFC 3834 value: {@code auto-replied} (an answer to a mail), {@code auto-generated}
     *                      (a notification), or {@code no} for mail a person wrote (an agent's reply)
     */
    public record OutgoingMail(Long ticketId, String template, String recipient, List<String> cc, String subject,
                               String body, String inReplyTo, List<String> references, String autoSubmitted) {
        boolean automatic() {
            return !"no".equals(autoSubmitted);
        }
    }

    /**
     * May an automatic mail go to this address now? (Rate limit and permanent bounces.) Every mail that opens a ticket
     * asks, so the count is plain SQL on the index of {@code lower(recipient), created_at} (PostgreSQL V94): as a JPA
     * query Hibernate translated it anew on every call, 5 % of the poller's CPU in the mail benchmark's profile. SQL
     * sees only flushed rows: when this transaction queued mail already, that is flushed first, as Hibernate's
     * automatic flush before a query would have done (and only then, so a ticket's row is not written twice).
     */
    @Transactional(readOnly = true)
    public boolean mayAnswerAutomatically(String address) {
        if (bounces.isHardBouncing(address)) {
            return false;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            entityManager.flush();
        }
        Long sent = jdbc.queryForObject("SELECT count(*) FROM mail_outbox WHERE lower(recipient) = lower(?)"
                + " AND automatic = TRUE AND created_at > ?", Long.class, address,
                Timestamp.from(clock.instant().minus(Duration.ofHours(1))));
        return sent == null || sent < properties.autoAnswersPerHour();
    }

    /** Queues a mail in the caller's transaction; refuses header values with line breaks. Returns the Message-ID. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String enqueue(OutgoingMail mail) {
        String recipient = HeaderValues.address(mail.recipient(), "recipient");
        List<String> cc = mail.cc().stream().map(a -> HeaderValues.address(a, "cc")).toList();
        String subject = HeaderValues.singleLine(mail.subject(), "subject");
        String messageId = UUID.randomUUID() + "@" + properties.messageIdDomain();
        String inReplyTo = mail.inReplyTo() == null ? null : HeaderValues.singleLine(mail.inReplyTo(), "In-Reply-To");
        List<String> references = mail.references().stream().map(r -> HeaderValues.singleLine(r, "References"))
                .filter(r -> !r.contains(" ") && !r.contains("<") && !r.contains(">")).toList();
        // The newest ten are enough for mail clients to thread, and keep the header well under 998 characters.
        references = references.subList(Math.max(0, references.size() - 10), references.size());
        queuedInThisTransaction();
        outbox.save(new OutboxMail(mail.ticketId(), mail.template(), recipient, cc.isEmpty() ? null : String.join(",", cc),
                subject, mail.body(), messageId, inReplyTo, references.isEmpty() ? null : String.join(" ", references),
                mail.autoSubmitted(), mail.automatic(), clock.instant()));
        threads.recordOutbound(messageId, mail.ticketId());
        return messageId;
    }

    /** Marks the transaction as one that queued mail, until it completes (see {@link #mayAnswerAutomatically}). */
    private void queuedInThisTransaction() {
        if (TransactionSynchronizationManager.hasResource(this)
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
            }
        });
    }

    /** Does one of these Message-IDs name a mail we queued from this template (is a reply an answer to it)? */
    @Transactional(readOnly = true)
    public boolean isAnswerTo(List<String> messageIds, String template) {
        return !messageIds.isEmpty() && outbox.existsByMessageIdInAndTemplate(messageIds, template);
    }

    /** A queued mail as tests and admins see it. */
    public record OutboxEntry(long id, Long ticketId, String template, String recipient, String subject, String body,
                              String messageId, String status, int attempts, String lastError) {
    }

    @Transactional(readOnly = true)
    public List<OutboxEntry> ofTicket(long ticketId) {
        return outbox.findByTicketIdOrderById(ticketId).stream().map(o -> new OutboxEntry(o.getId(), o.getTicketId(),
                o.getTemplate(), o.getRecipient(), o.getSubject(), o.getBody(), o.getMessageId(), o.getStatus().name(),
                o.getAttempts(), o.getLastError())).toList();
    }
}
