package dev.flowdesk.attachment;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The default store: bytes in {@code attachment_content} (bytea on PostgreSQL, BLOB on H2), in the same transaction. */
class DatabaseAttachmentStore implements AttachmentStore {

    private final JdbcTemplate jdbc;

    DatabaseAttachmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(String id, byte[] content) {
        jdbc.update("INSERT INTO attachment_content (id, content) VALUES (?, ?)", id, content);
    }

    @Override
    public byte[] read(String id) {
        List<byte[]> rows = jdbc.query("SELECT content FROM attachment_content WHERE id = ?",
                (rs, i) -> rs.getBytes(1), id);
        if (rows.isEmpty()) {
            throw new IllegalStateException("attachment content " + id + " is missing");
        }
        return rows.get(0);
    }

    @Override
    public void delete(String id) {
        jdbc.update("DELETE FROM attachment_content WHERE id = ?", id);
    }
}
