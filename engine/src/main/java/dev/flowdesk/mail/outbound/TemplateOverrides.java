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

    /** Saves a new version; false when {@code expectedVersion} is not the stored one (0: none stored). */
    boolean save(String name, String language, String source, int expectedVersion, String user, Instant now) {
        if (expectedVersion == 0) {
            if (find(name, language).isPresent()) {
                return false;
            }
            jdbc.update("INSERT INTO mail_template (name, language, source, version, updated_by, updated_at)"
                    + " VALUES (?, ?, ?, 1, ?, ?)", name, language, source, user, Timestamp.from(now));
            return true;
        }
        return jdbc.update("UPDATE mail_template SET source = ?, version = version + 1, updated_by = ?, updated_at = ?"
                + " WHERE name = ? AND language = ? AND version = ?", source, user, Timestamp.from(now), name,
                language, expectedVersion) == 1;
    }

    boolean delete(String name, String language) {
        return jdbc.update("DELETE FROM mail_template WHERE name = ? AND language = ?", name, language) == 1;
    }
}
