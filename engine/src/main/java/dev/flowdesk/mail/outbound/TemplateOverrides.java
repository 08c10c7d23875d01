package dev.flowdesk.mail.outbound;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Mail templates edited in the browser ({@code mail_template}), overriding the shipped ones of the same name. */
@Component
class TemplateOverrides {

    private final JdbcTemplate jdbc;

    TemplateOverrides(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Override(String name, String language, String source, int version, String updatedBy, Instant updatedAt) {
    }

    Optional<String> source(String name, String language) {
        return find(name, language).map(Override::source);
    }

    Optional<Override> find(String name, String language) {
        List<Override> rows = jdbc.query("SELECT source, version, updated_by, updated_at FROM mail_template"
                        + " WHERE name = ? AND language = ?", (rs, i) -> new Override(name, language, rs.getString(1),
                        rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant()), name, language);
        return rows.stream().findFirst();
    }

    /** One kept revision of a template ({@code mail_template_version}); the shipped text is revision 0. */
    record Revision(int revision, String source, String comment, String createdBy, Instant createdAt) {
    }

    /**
     * Saves a new version and keeps it as a revision; false when {@code expectedVersion} is not the stored one (0:
     * none stored). An override's version is its newest revision's number, so after a revert the next edit goes on
     * counting instead of starting at 1 again.
     */
    boolean save(String name, String language, String source, int expectedVersion, String user, Instant now,
                 String comment) {
        int next = lastRevision(name, language) + 1;
        boolean saved;
        if (expectedVersion == 0) {
            if (find(name, language).isPresent()) {
                return false;
            }
            saved = jdbc.update("INSERT INTO mail_template (name, language, source, version, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", name, language, source, next, user, Timestamp.from(now)) == 1;
        } else {
            saved = jdbc.update("UPDATE mail_template SET source = ?, version = ?, updated_by = ?, updated_at = ?"
                    + " WHERE name = ? AND language = ? AND version = ?", source, next, user, Timestamp.from(now),
                    name, language, expectedVersion) == 1;
        }
        if (saved) {
            // The primary key (name, language, revision) makes a concurrent save of the same revision fail.
            keep(name, language, next, source, comment, user, now);
        }
        return saved;
    }

    /** Removes the override; the shipped text it returns to is kept as a revision of its own. */
    boolean delete(String name, String language, String shippedSource, String user, Instant now) {
        boolean deleted = jdbc.update("DELETE FROM mail_template WHERE name = ? AND language = ?", name, language) == 1;
        if (deleted) {
            keep(name, language, lastRevision(name, language) + 1, shippedSource, "reverted to the shipped template",
                    user, now);
        }
        return deleted;
    }

    List<Revision> revisions(String name, String language) {
        return jdbc.query("SELECT revision, source, comment, created_by, created_at FROM mail_template_version"
                        + " WHERE name = ? AND language = ? ORDER BY revision DESC",
                (rs, i) -> new Revision(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()), name, language);
    }

    Optional<Revision> revision(String name, String language, int revision) {
        return revisions(name, language).stream().filter(r -> r.revision() == revision).findFirst();
    }

    private int lastRevision(String name, String language) {
        Integer last = jdbc.queryForObject("SELECT max(revision) FROM mail_template_version WHERE name = ?"
                + " AND language = ?", Integer.class, name, language);
        return last == null ? 0 : last;
    }

    private void keep(String name, String language, int revision, String source, String comment, String user,
                      Instant now) {
        jdbc.update("INSERT INTO mail_template_version (name, language, revision, source, comment, created_by,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", name, language, revision, source,
                comment == null || comment.isBlank() ? null : comment.strip(), user, Timestamp.from(now));
    }
}
