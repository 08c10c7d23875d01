package dev.flowdesk.mail.outbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One mail to send: written with the change that causes it, sent after commit, retried with backoff. */
@Entity
@Table(name = "mail_outbox")
class OutboxMail {

    enum Status { PENDING, SENDING, SENT, FAILED, SUPPRESSED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_outbox_id")
    @SequenceGenerator(name = "mail_outbox_id", sequenceName = "mail_outbox_id_seq", allocationSize = 10)
    private Long id;
    @Column(name = "ticket_id")
    private Long ticketId;
    @Column(nullable = false, length = 40)
    private String template;
    @Column(nullable = false, length = 254)
    private String recipient;
    @Column(length = 4000)
    private String cc;
    @Column(nullable = false, length = 998)
    private String subject;
    @Column(nullable = false, length = 100000)
    private String body;
    @Column(name = "message_id", nullable = false, length = 512)
    private String messageId;
    @Column(name = "in_reply_to", length = 512)
    private String inReplyTo;
    @Column(name = "references_ids", length = 4000)
    private String referencesIds;
    @Column(name = "auto_submitted", nullable = false, length = 20)
    private String autoSubmitted;
    @Column(nullable = false)
    private boolean automatic;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    @Column(name = "claimed_until")
    private Instant claimedUntil;
    @Column(name = "last_error", length = 2000)
    private String lastError;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Version
    private long version;

    protected OutboxMail() {
    }

    OutboxMail(Long ticketId, String template, String recipient, String cc, String subject, String body,
               String messageId, String inReplyTo, String referencesIds, String autoSubmitted, boolean automatic,
               Instant now) {
        this.ticketId = ticketId;
        this.template = template;
        this.recipient = recipient;
        this.cc = cc;
        this.subject = subject;
        this.body = body;
        this.messageId = messageId;
        this.inReplyTo = inReplyTo;
        this.referencesIds = referencesIds;
        this.autoSubmitted = autoSubmitted;
        this.automatic = automatic;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    /**
     * Delivered. {@code afterExpiredClaim}: an earlier sender claimed the row and never recorded the outcome, so it
     * may have delivered it already; that is kept on the row, since the recipient may hold two copies.
     */
    void sent(Instant now, boolean afterExpiredClaim) {
        status = Status.SENT;
        sentAt = now;
        claimedUntil = null;
        attempts++;
        if (afterExpiredClaim) {
            lastError = RESENT_AFTER_EXPIRED_CLAIM;
        }
        forgetSecret();
    }

    /** Templates whose body carries a one-time secret (a reset link): kept only until the mail is out. */
    static final java.util.Set<String> SECRET_TEMPLATES = java.util.Set.of(AccountMail.PASSWORD_RESET);
    static final String SECRET_REMOVED = "(removed after sending: this mail carried a one-time link)";

    /**
     * The reset link's token is stored only as its hash; its mail must not keep it in clear text once sent or
     * given up, or a database reader could use it within its lifetime.
     */
    private void forgetSecret() {
        if (SECRET_TEMPLATES.contains(template)) {
            body = SECRET_REMOVED;
        }
    }

    /** {@code last_error} of a row sent after an expired claim: possibly delivered twice (same Message-ID). */
    static final String RESENT_AFTER_EXPIRED_CLAIM =
            "sent again after an expired claim (a sender stopped mid-send): may have been delivered twice";

    /** A failed attempt: retried after {@code delay}, or given up after {@code maxAttempts}. */
    void failed(String error, Instant now, java.time.Duration delay, int maxAttempts) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(2000, error.length()));
        claimedUntil = null;
        status = attempts >= maxAttempts ? Status.FAILED : Status.PENDING;
        nextAttemptAt = now.plus(delay);
        if (status == Status.FAILED) {
            forgetSecret();
        }
    }

    void suppress(String why) {
        status = Status.SUPPRESSED;
        lastError = why;
        claimedUntil = null;
        forgetSecret();
    }

    Long getId() { return id; }
    Long getTicketId() { return ticketId; }
    String getTemplate() { return template; }
    String getRecipient() { return recipient; }
    String getCc() { return cc; }
    String getSubject() { return subject; }
    String getBody() { return body; }
    String getMessageId() { return messageId; }
    String getInReplyTo() { return inReplyTo; }
    String getReferencesIds() { return referencesIds; }
    String getAutoSubmitted() { return autoSubmitted; }
    boolean isAutomatic() { return automatic; }
    Status getStatus() { return status; }
    int getAttempts() { return attempts; }
    String getLastError() { return lastError; }
}
