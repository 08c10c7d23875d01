package dev.flowdesk.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** A directed link between two tickets, e.g. an incident and the problem opened for it. Never changed once made. */
@Entity
@Immutable
@Table(name = "ticket_link")
class TicketLink {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_link_id")
    @SequenceGenerator(name = "ticket_link_id", sequenceName = "ticket_link_id_seq", allocationSize = 50)
    private Long id;
    @Column(name = "from_ticket_id", nullable = false)
    private Long fromTicketId;
    @Column(name = "to_ticket_id", nullable = false)
    private Long toTicketId;
    @Column(nullable = false, length = 40)
    private String type;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, length = 254)
    private String createdBy;

    protected TicketLink() {
    }

    TicketLink(Long fromTicketId, Long toTicketId, String type, Instant createdAt, String createdBy) {
        this.fromTicketId = fromTicketId;
        this.toTicketId = toTicketId;
        this.type = type;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    Long getFromTicketId() { return fromTicketId; }
    Long getToTicketId() { return toTicketId; }
    String getType() { return type; }
}
