package dev.flowdesk.security.audit;

import dev.flowdesk.web.PageResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The one audit of security events (issue 15 part 4). {@link #record} joins the caller's transaction, so an action
 * that rolls back leaves no event and an event is never missing for an action that committed; the client address
 * is taken from the request being served, if any. Values are cut to their column's length, never refused: the audit
 * must not break the action it records.
 */
@Service
public class SecurityEvents {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    SecurityEvents(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One event as administrators read it. */
    public record SecurityEvent(long id, Instant occurredAt, SecurityEventKind kind, String actor, String subject,
                                String address, String detail) {
    }

    @Transactional
    public void record(SecurityEventKind kind, String actor, String subject, String detail) {
        jdbc.update("INSERT INTO security_event (occurred_at, kind, actor, subject, address, detail)"
                + " VALUES (:at, :kind, :actor, :subject, :address, :detail)", new MapSqlParameterSource()
                .addValue("at", Timestamp.from(clock.instant())).addValue("kind", kind.name())
                .addValue("actor", cut(actor, 64)).addValue("subject", cut(subject, 200))
                .addValue("address", cut(address(), 64)).addValue("detail", cut(detail, 500)));
    }

    /** Newest first, optionally of one kind and/or one actor. */
    @Transactional(readOnly = true)
    public PageResponse<SecurityEvent> page(SecurityEventKind kind, String actor, int page, int size) {
        PageResponse.check(page, size);
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("limit", size)
                .addValue("offset", (long) page * size);
        String where = " WHERE 1 = 1";
        if (kind != null) {
            where += " AND kind = :kind";
            params.addValue("kind", kind.name());
        }
        if (actor != null && !actor.isBlank()) {
            where += " AND actor = :actor";
            params.addValue("actor", actor.strip());
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM security_event" + where, params, Long.class);
        List<SecurityEvent> items = jdbc.query("SELECT * FROM security_event" + where
                        + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset", params,
                (rs, n) -> new SecurityEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        SecurityEventKind.valueOf(rs.getString("kind")), rs.getString("actor"),
                        rs.getString("subject"), rs.getString("address"), rs.getString("detail")));
        return new PageResponse<>(items, page, size, total == null ? 0 : total);
    }

    private static String address() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
