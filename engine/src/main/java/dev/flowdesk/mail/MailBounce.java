package dev.flowdesk.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An address our mail bounced from, as delivery status notifications (RFC 3464) reported it. */
@Entity
@Table(name = "mail_bounce")
class MailBounce {

    @Id
    @Column(length = 254)
    private String address;
    @Column(nullable = false)
    private int bounces;
    @Column(nullable = false)
    private boolean hard;
    @Column(name = "last_status", length = 20)
    private String lastStatus;
    @Column(name = "last_reason", length = 1000)
    private String lastReason;
    @Column(name = "last_at", nullable = false)
    private Instant lastAt;

    protected MailBounce() {
    }

    MailBounce(String address) {
        this.address = address;
    }

    void record(String status, String reason, Instant at) {
        bounces++;
        // RFC 3463: class 5 is a permanent failure; 4 is transient and may still get through.
        hard = hard || (status != null && status.startsWith("5"));
        lastStatus = status == null ? null : status.substring(0, Math.min(20, status.length()));
        lastReason = reason == null ? null : reason.substring(0, Math.min(1000, reason.length()));
        lastAt = at;
    }

    boolean isHard() { return hard; }
    int getBounces() { return bounces; }
}
