package dev.flowdesk.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.mail.inbound.GreenMailEngineTest;
import dev.flowdesk.security.CurrentUser;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure and pseudonymisation of a person (issue 15 part 6) over HTTP on PostgreSQL, with mail through GreenMail:
 * a requester with a portal ticket (replies, a file, a rating, a contact with her phone) and a mail ticket (her
 * address in headers, body, a watcher's mail, an attached file). Afterwards no row of any table, Flowdesk's or
 * Camunda's, holds her id, address, name or phone (checked over every table's whole row as text, independently of
 * the code's own column list), the art. 15 export of her pseudonym holds her tickets but none of it, and the tickets
 * keep their numbers, events, conversation and the reports their counts.
 */
class PersonErasureIT extends GreenMailEngineTest {

    private static final String PASSWORD = "Erasure-Secret-1";

    @Autowired
    JdbcTemplate db;
    @Autowired
    IdentityService identity;
    @Autowired
    PersonalDataExport export;
    @Autowired
    Pseudonyms pseudonyms;
    @Autowired
    ObjectMapper mapper;

    private String marker;
    private String userId;
    private String email;
    private String name;
    private String phone;
    private long portalTicket;
    private long mailTicket;

    @BeforeEach
    void aRequesterWithTicketsMailFilesAndARating() throws Exception {
        marker = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        userId = "erin" + marker;
        email = "erin." + marker + "@customer.example";
        name = "Erin Quill" + marker;
        phone = "+49 30 " + Math.abs(marker.hashCode() % 10_000_000);
        var user = identity.newUser(userId);
        user.setFirstName("Erin");
        user.setLastName("Quill" + marker);
        user.setEmail(email);
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        ApiClient erin = ApiClient.as(port, userId, PASSWORD);
        Response contact = as("admin").post("/api/contacts", Map.of("name", name, "emails", List.of(email),
                "phone", phone));
        assertThat(contact.status()).as(contact.raw()).isEqualTo(201);

        Response submitted = erin.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Printer jam for " + name, "description", "Call me at " + phone + " or " + email,
                "impact", "LOW", "urgency", "LOW")));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        portalTicket = submitted.json("/ticketId").asLong();
        assertThat(as("admin").post("/api/tickets/" + portalTicket + "/articles", Map.of("body", "Hello " + name
                + ", we will call " + phone, "visibility", "PUBLIC")).status()).isIn(200, 201);
        assertThat(erin.post("/api/tickets/" + portalTicket + "/articles", Map.of("body", "Thanks! " + name,
                "visibility", "PUBLIC")).status()).isIn(200, 201);
        assertThat(erin.postFile("/api/tickets/" + portalTicket + "/attachments", "file", "erin-" + marker + ".txt",
                "my screen".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        db.update("insert into ticket_rating (ticket_id, score, comment, rated_by, created_at) values (?, 5, ?, ?,"
                + " now())", portalTicket, "Great help for " + name, userId);
        assertThat(erin.get("/api/me/export").status()).isEqualTo(200); // a security event with her as actor

        String boundary = "b-" + marker;
        deliver(("From: " + name + " <" + email + ">\r\nTo: " + DESK + "\r\nCc: carl." + marker
                + "@customer.example\r\nSubject: VPN down " + marker + "\r\nMessage-ID: <vpn-" + marker
                + "@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary
                + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe VPN is down."
                + "\r\n-- \r\n" + name + "\r\n" + phone + "\r\n" + email + "\r\n--" + boundary
                + "\r\nContent-Type: text/plain; name=\"vpn.txt\"\r\nContent-Disposition: attachment;"
                + " filename=\"vpn.txt\"\r\n\r\nlog of " + name + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));
        poll();
        mailTicket = db.queryForObject("select id from ticket where subject = ?", Long.class, "VPN down " + marker);
        sender.sendDue();
        assertThat(stored()).as("her data before the erasure").isNotEmpty();
    }

    @Test
    void aDryRunChangesNothingAndOnlyAdministratorsErase() {
        Map<String, Integer> before = stored();

        Response dry = as("admin").post("/api/admin/people/" + userId + "/erase", Map.of("mode", "erase",
                "dryRun", true));

        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        assertThat(dry.json("/dryRun").asBoolean()).isTrue();
        assertThat(dry.json("/accountRemoved").asBoolean()).isTrue();
        assertThat(dry.json("/attachmentsDeleted").asInt()).isEqualTo(2);
        assertThat(dry.json("/rowsRewritten").asInt()).isPositive();
        assertThat(dry.json("/rewritten/ticket.requester").asInt()).isEqualTo(2);
        assertThat(dry.raw()).doesNotContain(email).doesNotContain(name);
        assertThat(stored()).isEqualTo(before);
        assertThat(identity.createUserQuery().userId(userId).count()).isEqualTo(1);

        for (String other : List.of("bob", "alice", "dora", "carol")) {
            assertThat(as(other).post("/api/admin/people/" + userId + "/erase", Map.of("mode", "erase")).status())
                    .as(other).isEqualTo(403);
        }
        assertThat(ApiClient.anonymous(port).post("/api/admin/people/" + userId + "/erase", Map.of("mode",
                "erase")).status()).isEqualTo(401);
        Response badMode = as("admin").post("/api/admin/people/" + userId + "/erase", Map.of("mode", "shred"));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.contentType()).startsWith("application/problem+json");
        assertThat(badMode.json("/errors/0/path").asText()).isEqualTo("mode");
        Response unknownField = as("admin").post("/api/admin/people/" + userId + "/erase", Map.of("mode", "erase",
                "userId", "bob"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(as("admin").post("/api/admin/people/nobody-" + marker + "/erase", Map.of("mode", "erase"))
                .status()).isEqualTo(404);
        assertThat(as("admin").post("/api/admin/people/admin/erase", Map.of("mode", "erase")).status())
                .isEqualTo(400);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void erasingTheRequesterLeavesNoTraceButKeepsTicketsHistoryAndFigures() throws Exception {
        ApiClient admin = as("admin");
        long tickets = count("select count(*) from ticket");
        long events = count("select count(*) from audit_event where ticket_id in (?, ?)", portalTicket, mailTicket);
        int history = admin.get("/api/tickets/" + portalTicket + "/history").body().size();
        int conversation = admin.get("/api/tickets/" + portalTicket + "/conversation").body().size();
        int mailConversation = admin.get("/api/tickets/" + mailTicket + "/conversation").body().size();
        JsonNode overview = admin.get("/api/reports/overview").json("/totals");
        String slaBefore = db.queryForObject("select coalesce(sla_level, '') || resolution_due || first_response_due"
                + " from ticket where id = ?", String.class, portalTicket);

        Response erased = admin.post("/api/admin/people/" + email + "/erase", Map.of("mode", "erase"));

        assertThat(erased.status()).as(erased.raw()).isEqualTo(200);
        String pseudonym = erased.json("/pseudonym").asText();
        assertThat(pseudonym).matches("person-[0-9a-f]{16}").isEqualTo(pseudonyms.of(userId));
        assertThat(erased.json("/attachmentsDeleted").asInt()).isEqualTo(2);
        // not a trace in any row of any table (Flowdesk's and Camunda's), nor in the account tables
        assertThat(stored()).as("rows still holding her data").isEmpty();
        assertThat(identity.createUserQuery().userId(userId).count()).isZero();
        assertThat(count("select count(*) from attachment where ticket_id in (?, ?) and uploaded_by not like"
                + " 'person-%'", portalTicket, mailTicket)).isZero();
        assertThat(db.queryForObject("select comment from ticket_rating where ticket_id = ?", String.class,
                portalTicket)).isNull();
        // the tickets, their events, conversation and figures are all still there
        assertThat(count("select count(*) from ticket")).isEqualTo(tickets);
        assertThat(count("select count(*) from audit_event where ticket_id in (?, ?)", portalTicket, mailTicket))
                .isEqualTo(events);
        Response ticket = admin.get("/api/tickets/" + portalTicket);
        assertThat(ticket.status()).isEqualTo(200);
        assertThat(ticket.json("/requester").asText()).isEqualTo(pseudonym);
        // her mail came from her account's address, so the mail ticket was hers by id too
        assertThat(admin.get("/api/tickets/" + mailTicket).json("/requester").asText()).isEqualTo(pseudonym);
        Response shownHistory = admin.get("/api/tickets/" + portalTicket + "/history");
        assertThat(shownHistory.status()).isEqualTo(200);
        assertThat(shownHistory.body().size()).isEqualTo(history);
        assertThat(admin.get("/api/tickets/" + portalTicket + "/conversation").body().size()).isEqualTo(conversation);
        assertThat(admin.get("/api/tickets/" + mailTicket + "/conversation").body().size())
                .isEqualTo(mailConversation);
        assertThat(admin.get("/api/reports/overview").json("/totals")).isEqualTo(overview);
        assertThat(db.queryForObject("select coalesce(sla_level, '') || resolution_due || first_response_due"
                + " from ticket where id = ?", String.class, portalTicket)).isEqualTo(slaBefore);
        // what Flowdesk still stores about the pseudonym: her tickets, none of her data
        CurrentUser asPseudonym = new CurrentUser(pseudonym, pseudonym, pseudonyms.address(email), List.of(),
                Set.of(), null);
        String exported = mapper.writeValueAsString(export.export(asPseudonym));
        assertThat(mapper.readTree(exported).at("/tickets").size()).isEqualTo(2);
        assertThat(exported.toLowerCase()).doesNotContain(email).doesNotContain(name.toLowerCase())
                .doesNotContain(userId).doesNotContain(phone);
        // the security audit names the pseudonym, never her
        Map<String, Object> event = db.queryForMap("select * from security_event where kind = 'PERSON_ERASED'"
                + " and subject = ?", pseudonym);
        assertThat(event.get("actor")).isEqualTo("admin");
        assertThat(event.toString()).doesNotContain(email).doesNotContain(userId).doesNotContain(name);
        // the erased account signs in no more (a new password check; one verified in the last
        // flowdesk.security.credential-cache is reused on its node until then)
        assertThat(identity.checkPassword(userId, PASSWORD)).isFalse();
    }

    @Test
    void pseudonymisingKeepsHerFilesUnderThePseudonym() {
        long files = count("select count(*) from attachment where ticket_id in (?, ?)", portalTicket, mailTicket);

        Response done = as("admin").post("/api/admin/people/" + userId + "/erase", Map.of("mode",
                "pseudonymise"));

        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.json("/attachmentsDeleted").asInt()).isZero();
        assertThat(stored()).isEmpty();
        assertThat(count("select count(*) from attachment where ticket_id in (?, ?)", portalTicket, mailTicket))
                .isEqualTo(files);
        assertThat(db.queryForList("select distinct uploaded_by from attachment where ticket_id = ?", String.class,
                portalTicket)).containsExactly(done.json("/pseudonym").asText());
        assertThat(db.queryForObject("select comment from ticket_rating where ticket_id = ?", String.class,
                portalTicket)).isEqualTo("Great help for " + done.json("/pseudonym").asText());
    }

    /**
     * Rows per table that hold her id, address, name or phone anywhere (the whole row as text, case-insensitive):
     * every table of the schema, independent of the columns the erasure knows.
     */
    private Map<String, Integer> stored() {
        Map<String, Integer> found = new LinkedHashMap<>();
        List<String> tables = db.queryForList("select table_name from information_schema.tables where"
                + " table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name", String.class);
        List<String> needles = new ArrayList<>(List.of(userId, email, "quill" + marker, phone));
        for (String table : tables) {
            StringBuilder where = new StringBuilder();
            for (String needle : needles) {
                where.append(where.isEmpty() ? "" : " or ").append("t::text ilike ?");
            }
            Integer rows = db.queryForObject("select count(*) from \"" + table + "\" t where " + where,
                    Integer.class, needles.stream().map(n -> "%" + n + "%").toArray());
            if (rows != null && rows > 0) {
                found.put(table, rows);
            }
        }
        return found;
    }

    private long count(String sql, Object... params) {
        Long n = db.queryForObject(sql, Long.class, params);
        return n == null ? 0 : n;
    }
}
