package dev.flowdesk.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A Message-ID we received or sent (or the SHA-256 of a message that had none), and its ticket. */
@Entity
@Table(name = "mail_message")
class MailMessage {

    @Id
    @Column(name = "message_key", length = 512)
    private String messageKey;
    @Column(name = "ticket_id")
    private Long ticketId;
    @Column(nullable = false, length = 3)
    private String direction;
    @Column(nullable = false, length = 20)
    private String outcome;
    @Column(length = 254)
    private String mailbox;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MailMessage() {
    }

    MailMessage(String messageKey, Long ticketId, String direction, String outcome, String mailbox,
                Instant createdAt) {
        this.messageKey = messageKey;
        this.ticketId = ticketId;
        this.direction = direction;
        this.outcome = outcome;
        this.mailbox = mailbox;
        this.createdAt = createdAt;
    }

    String getMessageKey() { return messageKey; }
    Long getTicketId() { return ticketId; }
    String getDirection() { return direction; }
    String getOutcome() { return outcome; }
}
