package dev.flowdesk.mail.inbound;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outcome of each mailbox's last poll, for the admin page (one row per mailbox, its id as key). */
@Component
public class MailboxStatus {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    MailboxStatus(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The last poll of one mailbox; {@code lastError} null when it worked. */
    public record Status(Instant lastPollAt, Instant lastSuccessAt, String lastError, int lastRead, int lastCreated,
                         int lastAppended, int lastQuarantined) {
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(long mailboxId, MailboxPoller.PollResult result) {
        String mailbox = String.valueOf(mailboxId);
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.update("UPDATE mail_poll_status SET last_poll_at = ?, last_success_at = ?, last_error = NULL,"
                        + " last_read = ?, last_created = ?, last_appended = ?, last_quarantined = ? WHERE mailbox = ?",
                now, now, result.read(), result.created(), result.appended(), result.quarantined(), mailbox);
        if (updated == 0) {
            jdbc.update("INSERT INTO mail_poll_status (mailbox, last_poll_at, last_success_at, last_error, last_read,"
                            + " last_created, last_appended, last_quarantined) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)",
                    mailbox, now, now, result.read(), result.created(), result.appended(), result.quarantined());
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(long mailboxId, String error) {
        String mailbox = String.valueOf(mailboxId);
        Timestamp now = Timestamp.from(clock.instant());
        String text = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
        int updated = jdbc.update("UPDATE mail_poll_status SET last_poll_at = ?, last_error = ? WHERE mailbox = ?",
                now, text, mailbox);
        if (updated == 0) {
            jdbc.update("INSERT INTO mail_poll_status (mailbox, last_poll_at, last_success_at, last_error, last_read,"
                    + " last_created, last_appended, last_quarantined) VALUES (?, ?, NULL, ?, 0, 0, 0, 0)",
                    mailbox, now, text);
        }
    }

    /** Forgets a deleted mailbox's status, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forget(long mailboxId) {
        jdbc.update("DELETE FROM mail_poll_status WHERE mailbox = ?", String.valueOf(mailboxId));
    }

    @Transactional(readOnly = true)
    public Optional<Status> of(long mailboxId) {
        String mailbox = String.valueOf(mailboxId);
        List<Status> rows = jdbc.query("SELECT last_poll_at, last_success_at, last_error, last_read, last_created,"
                + " last_appended, last_quarantined FROM mail_poll_status WHERE mailbox = ?", (rs, i) -> new Status(
                rs.getTimestamp(1).toInstant(), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)), mailbox);
        return rows.stream().findFirst();
    }
}
