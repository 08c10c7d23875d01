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
    public record QuarantinedMail(String messageKey, String mailbox, String sender, String subject, String reason,
                                  java.time.Instant receivedAt) {
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

    private static QuarantinedMail view(MailQuarantine q) {
        return new QuarantinedMail(q.getMessageKey(), q.getMailbox(), q.getSender(), q.getSubject(), q.getReason(),
                q.getReceivedAt());
    }
}
