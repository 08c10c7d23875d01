package dev.flowdesk.mail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The rows of {@code mailbox} and {@code mailbox_seed}; callers bring the transaction. */
@Component
class MailboxTable {

    private static final String COLUMNS = "id, url, password, address, queue, ticket_type, process, poll_interval,"
            + " enabled, idle, version, updated_by, updated_at";
    private static final RowMapper<Mailbox> ROW = (rs, i) -> new Mailbox(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            Duration.parse(rs.getString(8)), rs.getBoolean(9), rs.getBoolean(10), rs.getInt(11), rs.getString(12),
            rs.getTimestamp(13).toInstant());

    private final JdbcTemplate jdbc;

    MailboxTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Mailbox> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox ORDER BY id", ROW);
    }

    Optional<Mailbox> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE id = ?", ROW, id).stream().findFirst();
    }

    Optional<Mailbox> byAddress(String address) {
        return jdbc.query("SELECT " + COLUMNS + " FROM mailbox WHERE address = ?", ROW, address).stream().findFirst();
    }

    /** Inserts {@code m} (its id and version are ignored) with version 1; returns the new id. */
    long insert(Mailbox m) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement s = connection.prepareStatement("INSERT INTO mailbox (url, password, address, queue,"
                    + " ticket_type, process, poll_interval, enabled, idle, version, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)", new String[] {"id"});
            bind(s, m);
            return s;
        }, key);
        return key.getKey().longValue();
    }

    /** Writes {@code m} over the row of its id if that row still has {@code m.version()}; false otherwise. */
    boolean update(Mailbox m) {
        return jdbc.update(connection -> {
            PreparedStatement s = connection.prepareStatement("UPDATE mailbox SET url = ?, password = ?, address = ?,"
                    + " queue = ?, ticket_type = ?, process = ?, poll_interval = ?, enabled = ?, idle = ?,"
                    + " updated_by = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?");
            bind(s, m);
            s.setLong(12, m.id());
            s.setInt(13, m.version());
            return s;
        }) == 1;
    }

    boolean delete(long id, int version) {
        return jdbc.update("DELETE FROM mailbox WHERE id = ? AND version = ?", id, version) == 1;
    }

    /** Claims the one seed row; false when it exists already (seeded before, or by another node just now). */
    boolean claimSeed(Instant now, int mailboxes) {
        Integer seeded = jdbc.queryForObject("SELECT count(*) FROM mailbox_seed", Integer.class);
        if (seeded != null && seeded > 0) {
            return false;
        }
        jdbc.update("INSERT INTO mailbox_seed (id, seeded_at, mailboxes) VALUES (1, ?, ?)", Timestamp.from(now),
                mailboxes);
        return true;
    }

    private static void bind(PreparedStatement s, Mailbox m) throws java.sql.SQLException {
        s.setString(1, m.url());
        s.setString(2, m.password());
        s.setString(3, m.address());
        s.setString(4, m.queue());
        s.setString(5, m.type());
        s.setString(6, m.process());
        s.setString(7, m.pollInterval().toString());
        s.setBoolean(8, m.enabled());
        s.setBoolean(9, m.idle());
        s.setString(10, m.updatedBy());
        s.setTimestamp(11, Timestamp.from(m.updatedAt()));
    }
}
