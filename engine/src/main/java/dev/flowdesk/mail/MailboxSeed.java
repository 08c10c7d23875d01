package dev.flowdesk.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Locale;

/**
 * Copies {@code flowdesk.mail.mailboxes} into the {@code mailbox} table on the first start, before anything polls;
 * from then on the table is the truth and the properties are ignored (said once in the log when they differ). The
 * seed row is claimed in the same transaction, so two nodes starting together seed once: the second one's insert
 * meets the first one's key and changes nothing.
 */
@Component
class MailboxSeed implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(MailboxSeed.class);

    private final MailboxTable table;
    private final MailProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    MailboxSeed(MailboxTable table, MailProperties properties, TransactionTemplate transaction, Clock clock) {
        this.table = table;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.mailboxes().isEmpty()) {
            seed();
        }
        if (properties.from() == null && table.all().stream().anyMatch(Mailbox::enabled)) {
            throw new IllegalStateException("flowdesk.mail.from (an address) is required while a mailbox is enabled");
        }
    }

    private void seed() {
        boolean seeded;
        try {
            seeded = Boolean.TRUE.equals(transaction.execute(tx -> {
                if (!table.claimSeed(clock.instant(), properties.mailboxes().size())) {
                    return false;
                }
                for (MailProperties.Mailbox m : properties.mailboxes()) {
                    table.insert(of(m));
                }
                return true;
            }));
        } catch (DataIntegrityViolationException anotherNodeSeeded) {
            seeded = false;
        }
        if (seeded) {
            log.info("Copied {} mailbox(es) from flowdesk.mail.mailboxes; from now on admins manage them over"
                    + " /api/admin/mail/mailboxes", properties.mailboxes().size());
        } else {
            log.info("flowdesk.mail.mailboxes is ignored: the mailboxes were copied on an earlier start and are"
                    + " managed over /api/admin/mail/mailboxes");
        }
    }

    private Mailbox of(MailProperties.Mailbox m) {
        String[] split = Mailbox.splitPassword(m.url());
        return new Mailbox(0, split[0], split[1], m.address() == null ? null : m.address().strip()
                .toLowerCase(Locale.ROOT), blankToNull(m.queue()), m.type().toUpperCase(Locale.ROOT),
                blankToNull(m.process()), m.pollInterval(), true, m.idle(), 1, "flowdesk.mail.mailboxes",
                clock.instant());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
