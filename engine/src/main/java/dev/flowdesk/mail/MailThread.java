package dev.flowdesk.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A ticket that talks by mail: its subject-tag token, the requester's address and the language of its mails. */
@Entity
@Table(name = "mail_thread")
class MailThread {

    @Id
    @Column(name = "ticket_id")
    private Long ticketId;
    @Column(name = "ticket_number", nullable = false, length = 20)
    private String ticketNumber;
    @Column(nullable = false, length = 12)
    private String token;
    @Column(name = "requester_address", length = 254)
    private String requesterAddress;
    @Column(nullable = false, length = 8)
    private String language;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MailThread() {
    }

    MailThread(long ticketId, String ticketNumber, String token, String requesterAddress, String language,
               Instant createdAt) {
        this.ticketId = ticketId;
        this.ticketNumber = ticketNumber;
        this.token = token;
        this.requesterAddress = requesterAddress;
        this.language = language;
        this.createdAt = createdAt;
    }

    Long getTicketId() { return ticketId; }
    String getTicketNumber() { return ticketNumber; }
    String getToken() { return token; }
    String getRequesterAddress() { return requesterAddress; }
    String getLanguage() { return language; }
}
