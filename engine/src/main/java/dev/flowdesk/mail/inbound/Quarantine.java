package dev.flowdesk.mail.inbound;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Mail the channel could not process is set aside with its reason (and flagged on the server), so one bad message
 * never stops the poller and is never read again and again.
 */
@Service
public class Quarantine {

    private final MailQuarantineRepository quarantine;
    private final Clock clock;

    Quarantine(MailQuarantineRepository quarantine, Clock clock) {
        this.quarantine = quarantine;
        this.clock = clock;
    }

    /** A quarantined message as admins see it. */
    public record QuarantinedMail(long id, String messageKey, String mailbox, String sender, String subject,
                                  String reason, java.time.Instant receivedAt) {
    }

    /** Sets a message aside, in its own transaction (the processing one has rolled back); idempotent by key. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void add(String key, String mailbox, String sender, String subject, String reason) {
        if (!quarantine.existsByMessageKey(key)) {
            quarantine.save(new MailQuarantine(key, mailbox, sender, subject, reason, clock.instant()));
        }
    }

    @Transactional(readOnly = true)
    public Optional<QuarantinedMail> find(String key) {
        return quarantine.findByMessageKey(key).map(Quarantine::view);
    }

    @Transactional(readOnly = true)
    public boolean contains(String key) {
        return quarantine.existsByMessageKey(key);
    }

    @Transactional(readOnly = true)
    public List<QuarantinedMail> all() {
        return quarantine.findAll().stream().map(Quarantine::view).toList();
    }

    /** The newest quarantined messages first, a page of them, and how many there are. */
    @Transactional(readOnly = true)
    public org.springframework.data.domain.Page<QuarantinedMail> page(int page, int size) {
        return quarantine.findAll(org.springframework.data.domain.PageRequest.of(page, size,
                org.springframework.data.domain.Sort.by("receivedAt").descending().and(
                        org.springframework.data.domain.Sort.by("id").descending()))).map(Quarantine::view);
    }

    /**
     * An admin has dealt with a message (read it in the mailbox, forwarded it by hand): it leaves the list. It stays
     * seen and flagged in the mailbox, so the poller does not read it again.
     */
    @Transactional
    public boolean dismiss(long id) {
        if (!quarantine.existsById(id)) {
            return false;
        }
        quarantine.deleteById(id);
        return true;
    }

    private static QuarantinedMail view(MailQuarantine q) {
        return new QuarantinedMail(q.getId(), q.getMessageKey(), q.getMailbox(), q.getSender(), q.getSubject(), q.getReason(),
                q.getReceivedAt());
    }
}
