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

/** One entry of a ticket's append-only history: who did what, when, and the values before and after. */
@Entity
@Immutable
@Table(name = "audit_event")
class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_id")
    @SequenceGenerator(name = "audit_event_id", sequenceName = "audit_event_id_seq", allocationSize = 50)
    private Long id;
    @Column(name = "ticket_id", nullable = false)
    private Long ticketId;
    @Column(nullable = false)
    private Instant at;
    @Column(nullable = false, length = 254)
    private String actor;
    @Column(nullable = false, length = 40)
    private String type;
    @Column(nullable = false, length = 2000)
    private String detail;
    @Column(name = "before_json", length = 20000)
    private String beforeJson;
    @Column(name = "after_json", length = 20000)
    private String afterJson;

    protected AuditEvent() {
    }

    AuditEvent(Long ticketId, Instant at, String actor, String type, String detail, String beforeJson, String afterJson) {
        this.ticketId = ticketId;
        this.at = at;
        this.actor = actor;
        this.type = type;
        this.detail = detail.length() > 2000 ? detail.substring(0, 2000) : detail;
        this.beforeJson = bounded(beforeJson);
        this.afterJson = bounded(afterJson);
    }

    /** Values larger than the column (a very long resolution) are recorded by size, not cut into invalid JSON. */
    private static String bounded(String json) {
        return json == null || json.length() <= 20000 ? json : "{\"truncated\":true,\"length\":" + json.length() + "}";
    }

    Long getId() { return id; }
    Long getTicketId() { return ticketId; }
    Instant getAt() { return at; }
    String getActor() { return actor; }
    String getType() { return type; }
    String getDetail() { return detail; }
    String getBeforeJson() { return beforeJson; }
    String getAfterJson() { return afterJson; }
}
