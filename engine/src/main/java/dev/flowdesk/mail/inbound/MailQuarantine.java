package dev.flowdesk.mail.inbound;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A received message that could not be processed, with the reason. */
@Entity
@Table(name = "mail_quarantine")
class MailQuarantine {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_quarantine_id")
    @SequenceGenerator(name = "mail_quarantine_id", sequenceName = "mail_quarantine_id_seq", allocationSize = 10)
    private Long id;
    @Column(name = "message_key", nullable = false, length = 512)
    private String messageKey;
    @Column(nullable = false, length = 254)
    private String mailbox;
    @Column(length = 998)
    private String sender;
    @Column(length = 998)
    private String subject;
    @Column(nullable = false, length = 2000)
    private String reason;
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    Long getId() {
        return id;
    }

    protected MailQuarantine() {
    }

    MailQuarantine(String messageKey, String mailbox, String sender, String subject, String reason,
                   Instant receivedAt) {
        this.messageKey = messageKey;
        this.mailbox = cut(mailbox, 254);
        this.sender = cut(sender, 998);
        this.subject = cut(subject, 998);
        this.reason = cut(reason == null ? "unknown error" : reason, 2000);
        this.receivedAt = receivedAt;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    String getMessageKey() { return messageKey; }
    String getReason() { return reason; }
    String getMailbox() { return mailbox; }
    String getSender() { return sender; }
    String getSubject() { return subject; }
    Instant getReceivedAt() { return receivedAt; }
}
