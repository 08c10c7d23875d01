package dev.flowdesk.mail;

import dev.flowdesk.error.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one source of the inbound mailboxes: the {@code mailbox} table (seeded from {@code flowdesk.mail.mailboxes} on
 * the first start, managed by admins afterwards). The poll job and the admin API read it fresh; the hot questions
 * asked for every mail (is this one of our addresses? is mail on?) are answered from a snapshot at most
 * {@link #SNAPSHOT_TTL} old, dropped at once when a change commits on this node (other nodes follow within the TTL).
 * Every change publishes a {@link MailboxChanged} in its transaction, so its poll job is rescheduled in the same
 * commit.
 */
@Service
public class Mailboxes {

    static final Duration SNAPSHOT_TTL = Duration.ofSeconds(5);

    private final MailboxTable table;
    private final MailProperties properties;
    private final ApplicationEventPublisher events;
    private volatile Snapshot snapshot;

    Mailboxes(MailboxTable table, MailProperties properties, ApplicationEventPublisher events) {
        this.table = table;
        this.properties = properties;
        this.events = events;
    }

    /** A mailbox was created, changed or deleted ({@code now} null), published inside the changing transaction. */
    public record MailboxChanged(long id, Mailbox now) {
    }

    private record Snapshot(List<Mailbox> mailboxes, long loadedAt) {
    }

    /** Every mailbox, read now, by id. */
    @Transactional(readOnly = true)
    public List<Mailbox> all() {
        return table.all();
    }

    /** The mailbox as stored now (what a poll uses). */
    @Transactional(readOnly = true)
    public Optional<Mailbox> find(long id) {
        return table.find(id);
    }

    /** The mailbox customers write to at {@code address}. */
    @Transactional(readOnly = true)
    public Optional<Mailbox> byAddress(String address) {
        return address == null ? Optional.empty() : table.byAddress(address.strip().toLowerCase(Locale.ROOT));
    }

    /** Mail is on when a mailbox is enabled or {@code flowdesk.mail.from} is set (outbound notifications only). */
    public boolean enabled() {
        return properties.from() != null || current().stream().anyMatch(Mailbox::enabled);
    }

    /** True for our sender address and every mailbox's address (they never become requesters or watchers). */
    public boolean isOwnAddress(String address) {
        if (address == null) {
            return false;
        }
        return address.equalsIgnoreCase(properties.from())
                || current().stream().anyMatch(m -> address.equalsIgnoreCase(m.address()));
    }

    /** Stores a new mailbox (id and version of {@code mailbox} are ignored) and returns it as stored. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Mailbox create(Mailbox mailbox) {
        long id = table.insert(mailbox);
        Mailbox stored = table.find(id).orElseThrow();
        changed(id, stored);
        return stored;
    }

    /**
     * Writes {@code mailbox} over the stored one if that still has {@code mailbox.version()}: 404 when it is gone,
     * 409 when someone changed it meanwhile.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Mailbox update(Mailbox mailbox) {
        if (!table.update(mailbox)) {
            throw staleOrGone(mailbox.id());
        }
        Mailbox stored = table.find(mailbox.id()).orElseThrow();
        changed(mailbox.id(), stored);
        return stored;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void delete(long id, int version) {
        if (!table.delete(id, version)) {
            throw staleOrGone(id);
        }
        changed(id, null);
    }

    private DomainException staleOrGone(long id) {
        return table.find(id).isPresent()
                ? DomainException.conflict("The mailbox was changed by someone else meanwhile; reload it.")
                : DomainException.notFound("Mailbox " + id);
    }

    private void changed(long id, Mailbox now) {
        snapshot = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // A read between the change and its commit may have cached the old rows again.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    snapshot = null;
                }
            });
        }
        events.publishEvent(new MailboxChanged(id, now));
    }

    private List<Mailbox> current() {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAt() > SNAPSHOT_TTL.toNanos()) {
            s = new Snapshot(table.all(), System.nanoTime());
            snapshot = s;
        }
        return s.mailboxes();
    }
}
