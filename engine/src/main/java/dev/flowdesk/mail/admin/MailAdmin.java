package dev.flowdesk.mail.admin;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.mail.MailJobs;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.Mailbox;
import dev.flowdesk.mail.Mailboxes;
import dev.flowdesk.mail.inbound.Quarantine;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.web.PageResponse;
import org.quartz.SchedulerException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
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
    private final Mailboxes mailboxes;
    private final MailboxAdmin mailboxAdmin;
    private final Quarantine quarantine;
    private final MailJobs jobs;
    private final JdbcTemplate jdbc;

    MailAdmin(MailProperties properties, Mailboxes mailboxes, MailboxAdmin mailboxAdmin, Quarantine quarantine,
              MailJobs jobs, JdbcTemplate jdbc) {
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.mailboxAdmin = mailboxAdmin;
        this.quarantine = quarantine;
        this.jobs = jobs;
        this.jdbc = jdbc;
    }

    /** A delivery that failed for good or is still being retried. */
    public record Delivery(long id, Long ticketId, String template, String recipient, String subject, String status,
                           int attempts, String lastError, Instant createdAt, Instant nextAttemptAt) {
    }

    /** The channel at a glance: on or off, the mailboxes, and outbox counts per status. */
    public record Overview(boolean enabled, String from, List<MailboxAdmin.MailboxView> mailboxes,
                           Map<String, Long> outbox,
                           long quarantined) {
    }

    @Transactional(readOnly = true)
    public Overview overview(CurrentUser user) {
        requireAdmin(user);
        Map<String, Long> outbox = new LinkedHashMap<>();
        jdbc.query("SELECT status, count(*) FROM mail_outbox GROUP BY status ORDER BY status",
                rs -> { outbox.put(rs.getString(1), rs.getLong(2)); });
        Long quarantined = jdbc.queryForObject("SELECT count(*) FROM mail_quarantine", Long.class);
        return new Overview(mailboxes.enabled(), properties.from(), mailboxAdmin.list(user), outbox,
                quarantined == null ? 0 : quarantined);
    }

    /** Runs the poll of mailbox {@code id} now, on whichever node the scheduler picks. */
    public void pollNow(long id, CurrentUser user) {
        requireAdmin(user);
        Mailbox mailbox = mailboxes.find(id).orElseThrow(() -> DomainException.notFound("Mailbox " + id));
        if (!mailbox.enabled()) {
            throw DomainException.conflict("Mailbox " + id + " is disabled; enable it to poll it.");
        }
        try {
            jobs.runNow(mailbox.jobName());
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
