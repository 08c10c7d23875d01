package dev.flowdesk.mail.outbound;

import dev.flowdesk.mail.MailBounces;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sends due outbox rows after their transaction committed. Each row is first claimed with a conditional update
 * (committed on its own), so two nodes never send the same row; a claim expires ({@code flowdesk.mail.send-claim}),
 * so a node that dies while sending leaves the row to be sent again. Delivery is at least once: a node killed after
 * the SMTP server accepted a mail and before "sent" committed leaves that one mail (a sender sends one at a time) to
 * be sent a second time, with the same Message-ID, so mail clients show it once; the row records that it was sent
 * after an expired claim ({@code last_error}). A failed delivery is retried with exponential backoff (the configured
 * first delay, doubling, at most an hour) and given up after the configured attempts, which is recorded on the ticket.
 */
@Service
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** Rows read per query. */
    static final int BATCH = 100;
    /**
     * How long one run goes on taking full batches: a backlog went out at one batch per run (100 per
     * {@code send-interval}, 10 mails/s by default) and now drains at the pace of SMTP and the database.
     */
    static final Duration MAX_RUN = Duration.ofSeconds(40);

    private final OutboxRepository outbox;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailProperties properties;
    private final MailBounces bounces;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OutboxSender(OutboxRepository outbox, ObjectProvider<JavaMailSender> mailSender, MailProperties properties,
                 MailBounces bounces, AuditTrail audit, TransactionTemplate transaction,
                 Clock clock) {
        this.outbox = outbox;
        this.mailSender = mailSender;
        this.properties = properties;
        this.bounces = bounces;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * One sender per node at a time, so a node that dies leaves at most one mail in flight. (Not Quartz's
     * {@code @DisallowConcurrentExecution}: its blocked trigger state can outlive a cluster recovery, see
     * {@link OutboxSendJob}.) A run that finds another one sending on this node leaves the rows to it.
     */
    private final java.util.concurrent.locks.ReentrantLock sending = new java.util.concurrent.locks.ReentrantLock();

    /** Sends what is due now; returns how many mails went out (0 when this node is sending already). */
    public int sendDue() {
        if (!sending.tryLock()) {
            return 0;
        }
        try {
            return sendDueNow();
        } finally {
            sending.unlock();
        }
    }

    private int sendDueNow() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return 0; // no spring.mail.host: rows wait until SMTP is configured
        }
        int sent = 0;
        long started = System.nanoTime();
        java.util.Set<Long> tried = new java.util.HashSet<>();
        java.util.List<Long> due;
        boolean fresh;
        do {
            due = transaction.execute(s -> outbox.findDue(clock.instant(), PageRequest.of(0, BATCH)));
            java.util.List<Long> untried = due.stream().filter(tried::add).toList();
            sent += send(sender, untried);
            fresh = !untried.isEmpty();
            // a full batch: more may be due (a backlog after a mail storm), so go on while this run has time and
            // finds rows it has not tried (a failed row due again at once, with no backoff, waits for the next run);
            // the next run of the job takes the rest
        } while (fresh && due.size() == BATCH && System.nanoTime() - started < MAX_RUN.toNanos());
        return sent;
    }

    private int send(JavaMailSender sender, java.util.List<Long> due) {
        int sent = 0;
        for (Long id : due) {
            Instant now = clock.instant();
            OutboxRepository.Claim claim = transaction.execute(
                    s -> outbox.claim(id, now, now.plus(properties.sendClaim())));
            if (claim == null || claim == OutboxRepository.Claim.NONE) {
                continue; // another node (or run) has it
            }
            // The earlier sender's claim ran out: it stopped (its node died) and may have sent the mail already.
            boolean reclaimed = claim == OutboxRepository.Claim.EXPIRED;
            OutboxMail mail = transaction.execute(s -> outbox.findById(id).orElseThrow());
            if (mail.isAutomatic() && bounces.isHardBouncing(mail.getRecipient())) {
                finish(id, row -> row.suppress("recipient bounced permanently"));
                continue;
            }
            if (reclaimed) {
                log.warn("Mail {} ({}) was claimed by a sender that stopped before it recorded the delivery; sending"
                        + " it again with the same Message-ID, so the recipient may get it twice", id,
                        mail.getMessageId());
            }
            try {
                sender.send(message(sender, mail));
                finish(id, row -> row.sent(clock.instant(), reclaimed));
                sent++;
            } catch (MailException | MessagingException | IllegalArgumentException e) {
                int attempt = mail.getAttempts() + 1;
                Duration delay = backoff(attempt);
                log.warn("Sending mail {} failed (attempt {}), retry in {}: {}", id, attempt, delay, e.toString());
                finish(id, row -> {
                    row.failed(e.toString(), clock.instant(), delay, properties.maxAttempts());
                    if (row.getStatus() == OutboxMail.Status.FAILED && row.getTicketId() != null) {
                        audit.record(row.getTicketId(), "mail", AuditEventType.MAIL_FAILED, "Mail '" + row.getTemplate()
                                + "' to " + row.getRecipient() + " could not be delivered", null,
                                Map.of("recipient", row.getRecipient(), "error", String.valueOf(row.getLastError())));
                    }
                });
            }
        }
        return sent;
    }

    Duration backoff(int attempt) {
        Duration delay = properties.retryBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    private void finish(long id, java.util.function.Consumer<OutboxMail> change) {
        transaction.executeWithoutResult(s -> change.accept(outbox.findById(id).orElseThrow()));
    }

    private MimeMessage message(JavaMailSender sender, OutboxMail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(HeaderValues.address(properties.from(), "flowdesk.mail.from"));
        helper.setTo(HeaderValues.address(mail.getRecipient(), "recipient"));
        if (mail.getCc() != null) {
            for (String cc : mail.getCc().split(",")) {
                helper.addCc(HeaderValues.address(cc, "cc"));
            }
        }
        helper.setSubject(HeaderValues.singleLine(mail.getSubject(), "subject"));
        helper.setText(mail.getBody(), false);
        message.setHeader("Message-ID", "<" + HeaderValues.singleLine(mail.getMessageId(), "Message-ID") + ">");
        if (mail.getInReplyTo() != null) {
            message.setHeader("In-Reply-To", "<" + HeaderValues.singleLine(mail.getInReplyTo(), "In-Reply-To") + ">");
        }
        if (mail.getReferencesIds() != null) {
            StringBuilder references = new StringBuilder();
            for (String id : mail.getReferencesIds().split(" ")) {
                references.append(references.isEmpty() ? "" : "\r\n ").append('<').append(id).append('>');
            }
            message.setHeader("References", references.toString());
        }
        if (!"no".equals(mail.getAutoSubmitted())) {
            // RFC 3834 §5: mark our automatic mail, and ask Exchange not to answer it with its own auto-replies.
            message.setHeader("Auto-Submitted", HeaderValues.singleLine(mail.getAutoSubmitted(), "Auto-Submitted"));
            message.setHeader("X-Auto-Response-Suppress", "All");
        }
        return message;
    }
}
