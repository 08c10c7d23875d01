package dev.flowdesk.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** Someone copied (CC) on a ticket's mail: may reply to it and is copied on its answers. */
@Entity
@Table(name = "mail_watcher")
@IdClass(MailWatcher.Key.class)
class MailWatcher {

    record Key(Long ticketId, String address) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "ticket_id")
    private Long ticketId;
    @Id
    @Column(length = 254)
    private String address;

    protected MailWatcher() {
    }

    MailWatcher(long ticketId, String address) {
        this.ticketId = ticketId;
        this.address = address;
    }

    String getAddress() { return address; }
}
