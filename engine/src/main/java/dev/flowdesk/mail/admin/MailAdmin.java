package dev.flowdesk.mail.admin;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.mail.MailJobs;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.inbound.MailboxStatus;
import dev.flowdesk.mail.inbound.Quarantine;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.web.PageResponse;
import org.quartz.SchedulerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What admins see and do about the mail channel: each mailbox with its last poll, "poll now", the quarantine
 * (messages that could not be processed, with the reason) and the outbox (waiting and failed deliveries).
 */
@Service
public class MailAdmin {

    private final MailProperties properties;
    private final MailboxStatus status;
    private final Quarantine quarantine;
    private final MailJobs jobs;
    private final JdbcTemplate jdbc;

    MailAdmin(MailProperties properties, MailboxStatus status, Quarantine quarantine, MailJobs jobs,
              JdbcTemplate jdbc) {
        this.properties = properties;
        this.status = status;
        this.quarantine = quarantine;
        this.jobs = jobs;
        this.jdbc = jdbc;
    }

    /** A mailbox as configured (without its password) and how its last poll went. */
    public record MailboxView(int index, String name, String address, String queue, String type, String process,
                              Duration pollInterval, Instant lastPollAt, Instant lastSuccessAt, String lastError,
                              Integer lastRead, Integer lastCreated, Integer lastAppended, Integer lastQuarantined) {
    }

    /** A delivery that failed for good or is still being retried. */
    public record Delivery(long id, Long ticketId, String template, String recipient, String subject, String status,
                           int attempts, String lastError, Instant createdAt, Instant nextAttemptAt) {
    }

    /** The channel at a glance: on or off, the mailboxes, and outbox counts per status. */
    public record Overview(boolean enabled, String from, List<MailboxView> mailboxes, Map<String, Long> outbox,
                           long quarantined) {
    }

    @Transactional(readOnly = true)
    public Overview overview(CurrentUser user) {
        requireAdmin(user);
        List<MailboxView> mailboxes = new ArrayList<>();
        for (int i = 0; i < properties.mailboxes().size(); i++) {
            MailProperties.Mailbox box = properties.mailboxes().get(i);
            var last = status.of(box.displayName()).orElse(null);
            mailboxes.add(new MailboxView(i, box.displayName(), box.address(), box.queue(), box.type(), box.process(),
                    box.pollInterval(), last == null ? null : last.lastPollAt(),
                    last == null ? null : last.lastSuccessAt(), last == null ? null : last.lastError(),
                    last == null ? null : last.lastRead(), last == null ? null : last.lastCreated(),
                    last == null ? null : last.lastAppended(), last == null ? null : last.lastQuarantined()));
        }
        Map<String, Long> outbox = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM mail_outbox GROUP BY status ORDER BY status",
                rs -> { outbox.put(rs.getString(1), rs.getLong(2)); });
        Long quarantined = jdbc.queryForObject("SELECT count(*) FROM mail_quarantine", Long.class);
        return new Overview(properties.enabled(), properties.from(), mailboxes, outbox,
                quarantined == null ? 0 : quarantined);
    }

    /** Runs the poll of mailbox {@code index} now, on whichever node the scheduler picks. */
    public void pollNow(int index, CurrentUser user) {
        requireAdmin(user);
        if (index < 0 || index >= properties.mailboxes().size()) {
            throw DomainException.notFound("No mailbox " + index);
        }
        try {
            jobs.runNow("poll-mailbox-" + index);
        } catch (SchedulerException e) {
            throw DomainException.unavailable("The scheduler cannot run the poll now: " + e.getMessage());
        }
    }

    public PageResponse<Quarantine.QuarantinedMail> quarantine(int page, int size, CurrentUser user) {
        requireAdmin(user);
        PageResponse.check(page, size);
        return PageResponse.of(quarantine.page(page, size), q -> q);
    }

    public void dismiss(long id, CurrentUser user) {
        requireAdmin(user);
        if (!quarantine.dismiss(id)) {
            throw DomainException.notFound("No quarantined message " + id);
        }
    }

    /** Deliveries that failed for good or wait for a retry after an error, newest first. */
    @Transactional(readOnly = true)
    public PageResponse<Delivery> problems(int page, int size, CurrentUser user) {
        requireAdmin(user);
        PageResponse.check(page, size);
        String where = " FROM mail_outbox WHERE status = 'FAILED' OR (status = 'PENDING' AND attempts > 0)";
        Long total = jdbc.queryForObject("SELECT count(*)" + where, Long.class);
        List<Delivery> items = jdbc.query("SELECT id, ticket_id, template, recipient, subject, status, attempts,"
                + " last_error, created_at, next_attempt_at" + where
                + " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", (rs, i) -> new Delivery(
                rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant()), (long) page * size, size);
        return new PageResponse<>(items, page, size, total == null ? 0 : total);
    }

    private static void requireAdmin(CurrentUser user) {
        user.requireAny("Only administrators manage the mail channel.", Role.ADMIN);
    }
}
