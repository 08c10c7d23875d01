package dev.flowdesk.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.token.ApiTokens;
import dev.flowdesk.ticket.AuditEventType;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Flowdesk stores about the signed-in person, as one JSON document (GDPR art. 15, issue 15 part 6):
 * profile, groups and roles, the tickets they requested with the conversation, attachments and history they may see
 * there, their ratings, the articles and files they wrote or uploaded elsewhere, knowledge base articles they
 * authored or edited, their own actions in the audit trail, the mail Flowdesk wrote to them, and their API tokens
 * (never the secrets).
 * <p>
 * Deliberately left out, under art. 15(4) (the rights of others): internal notes and agent-only history events on
 * their tickets (the same rule the ticket view follows), and other people's tickets beyond the number of a ticket they
 * wrote in. Every query is keyed by the caller's own id or address, never by a parameter, so nothing else can be
 * asked for. It reads the tables directly because it must see across every feature in one consistent read.
 */
@Service
public class PersonalDataExport {

    private final JdbcTemplate jdbc;
    private final IdentityService identity;
    private final ApiTokens tokens;
    private final ObjectMapper mapper;
    private final Clock clock;

    PersonalDataExport(JdbcTemplate jdbc, IdentityService identity, ApiTokens tokens, ObjectMapper mapper,
                       Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.tokens = tokens;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Map<String, Object> export(CurrentUser user) {
        String id = user.id();
        String email = user.email() == null ? "" : user.email();
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedAt", clock.instant());
        export.put("profile", profile(user));
        export.put("groups", identity.createGroupQuery().groupMember(id).orderByGroupId().asc().list().stream()
                .map(PersonalDataExport::group).toList());
        export.put("roles", user.roles().stream().map(Enum::name).sorted().toList());
        export.put("tenant", user.tenant());
        export.put("tickets", tickets(id, email));
        export.put("articlesWrittenElsewhere", jdbc.query("select a.id, t.number, a.visibility, a.channel, a.body,"
                + " a.created_at from article a join ticket t on t.id = a.ticket_id where a.author = ?"
                + " and not " + requestedBy("t") + " order by a.created_at, a.id", (rs, i) -> row(
                "id", rs.getLong(1), "ticketNumber", rs.getString(2), "visibility", rs.getString(3),
                "channel", rs.getString(4), "body", rs.getString(5), "createdAt", instant(rs, 6)),
                id, requester(id, email)[0], requester(id, email)[1]));
        export.put("ratings", jdbc.query("select t.number, r.score, r.comment, r.created_at from ticket_rating r"
                + " join ticket t on t.id = r.ticket_id where r.rated_by = ? order by r.created_at", (rs, i) -> row(
                "ticketNumber", rs.getString(1), "score", rs.getInt(2), "comment", rs.getString(3),
                "createdAt", instant(rs, 4)), id));
        export.put("attachmentsUploaded", jdbc.query("select a.id, t.number, a.name, a.content_type, a.size_bytes,"
                + " a.sha256, a.created_at from attachment a left join ticket t on t.id = a.ticket_id"
                + " where a.uploaded_by = ? order by a.created_at, a.id", (rs, i) -> row(
                "id", rs.getString(1), "ticketNumber", rs.getString(2), "name", rs.getString(3),
                "contentType", rs.getString(4), "size", rs.getLong(5), "sha256", rs.getString(6),
                "createdAt", instant(rs, 7)), id));
        export.put("knowledgeArticles", jdbc.query("select id, version, status, visibility, language, title,"
                + " created_at, updated_at, published_at, created_by = ? from kb_article where created_by = ?"
                + " or updated_by = ? or id in (select article_id from kb_article_version where edited_by = ?)"
                + " order by id", (rs, i) -> row("id", rs.getLong(1), "version", rs.getInt(2),
                "status", rs.getString(3), "visibility", rs.getString(4), "language", rs.getString(5),
                "title", rs.getString(6), "createdAt", instant(rs, 7), "updatedAt", instant(rs, 8),
                "publishedAt", instant(rs, 9), "author", rs.getBoolean(10)), id, id, id, id));
        export.put("auditEventsByThem", jdbc.query("select e.at, t.number, e.type, e.detail from audit_event e"
                + " join ticket t on t.id = e.ticket_id where e.actor = ? order by e.at, e.id", (rs, i) -> row(
                "at", instant(rs, 1), "ticketNumber", rs.getString(2), "type", rs.getString(3),
                "detail", rs.getString(4)), id));
        export.put("mailSentToThem", email.isEmpty() ? List.of() : jdbc.query("select o.template, o.subject,"
                + " o.status, o.created_at, o.sent_at, t.number from mail_outbox o left join ticket t"
                + " on t.id = o.ticket_id where lower(o.recipient) = lower(?) order by o.created_at, o.id",
                (rs, i) -> row("template", rs.getString(1), "subject", rs.getString(2), "status", rs.getString(3),
                        "createdAt", instant(rs, 4), "sentAt", instant(rs, 5), "ticketNumber", rs.getString(6)),
                email));
        export.put("formsAnsweredWithoutTicket", jdbc.query("select form_key, form_version, at from form_deflection"
                + " where submitted_by = ? order by at", (rs, i) -> row("formKey", rs.getString(1),
                "formVersion", rs.getInt(2), "at", instant(rs, 3)), id));
        export.put("apiTokens", tokens.list(id));
        return export;
    }

    private Map<String, Object> profile(CurrentUser user) {
        User stored = identity.createUserQuery().userId(user.id()).singleResult();
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("id", user.id());
        profile.put("firstName", stored == null ? null : stored.getFirstName());
        profile.put("lastName", stored == null ? null : stored.getLastName());
        profile.put("email", stored == null ? user.email() : stored.getEmail());
        Map<String, String> info = new LinkedHashMap<>();
        for (String key : identity.getUserInfoKeys(user.id())) {
            info.put(key, identity.getUserInfo(user.id(), key));
        }
        profile.put("userInfo", info);
        return profile;
    }

    private static Map<String, Object> group(Group group) {
        return row("id", group.getId(), "name", group.getName(), "type", group.getType());
    }

    private List<Map<String, Object>> tickets(String id, String email) {
        List<Map<String, Object>> tickets = jdbc.query("select id, number, type, channel, subject, description,"
                + " status, priority, impact, urgency, category, resolution, fields_json, created_at, updated_at,"
                + " resolved_at from ticket t where " + requestedBy("t") + " order by created_at, id",
                (rs, i) -> row("id", rs.getLong(1), "number", rs.getString(2), "type", rs.getString(3),
                        "channel", rs.getString(4), "subject", rs.getString(5), "description", rs.getString(6),
                        "status", rs.getString(7), "priority", rs.getString(8), "impact", rs.getString(9),
                        "urgency", rs.getString(10), "category", rs.getString(11), "resolution", rs.getString(12),
                        "fields", json(rs.getString(13)), "createdAt", instant(rs, 14), "updatedAt", instant(rs, 15),
                        "resolvedAt", instant(rs, 16)), requester(id, email));
        List<String> visibleTypes = Arrays.stream(AuditEventType.values()).filter(type -> type.requesterVisible())
                .map(Enum::name).toList();
        String typeList = String.join(",", visibleTypes.stream().map(t -> "'" + t + "'").toList());
        for (Map<String, Object> ticket : tickets) {
            long ticketId = (Long) ticket.get("id");
            ticket.put("conversation", jdbc.query("select id, author, channel, body, created_at from article"
                    + " where ticket_id = ? and visibility = 'PUBLIC' order by created_at, id", (rs, i) -> row(
                    "id", rs.getLong(1), "author", rs.getString(2), "channel", rs.getString(3),
                    "body", rs.getString(4), "createdAt", instant(rs, 5)), ticketId));
            ticket.put("attachments", jdbc.query("select id, name, content_type, size_bytes, created_at"
                    + " from attachment where ticket_id = ? and internal = false order by created_at, id",
                    (rs, i) -> row("id", rs.getString(1), "name", rs.getString(2), "contentType", rs.getString(3),
                            "size", rs.getLong(4), "createdAt", instant(rs, 5)), ticketId));
            ticket.put("history", jdbc.query("select at, actor, type, detail from audit_event where ticket_id = ?"
                    + " and type in (" + typeList + ") order by at, id", (rs, i) -> row("at", instant(rs, 1),
                    "actor", rs.getString(2), "type", rs.getString(3), "detail", rs.getString(4)), ticketId));
        }
        return tickets;
    }

    /**
     * The condition "requested by the caller": by user id, or by e-mail address in any case (mail tickets). Its
     * parameters are {@link #requester(String, String)}.
     */
    private static String requestedBy(String alias) {
        return "(" + alias + ".requester = ? or lower(" + alias + ".requester) = lower(?))";
    }

    /** The parameters of {@link #requestedBy(String)}: the id twice when the user has no address. */
    private static Object[] requester(String id, String email) {
        return new Object[] {id, email.isEmpty() ? id : email};
    }

    private JsonNode json(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (IOException e) {
            return mapper.getNodeFactory().textNode(text);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
