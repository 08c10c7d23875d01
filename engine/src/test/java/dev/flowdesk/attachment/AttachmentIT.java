package dev.flowdesk.attachment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Download;
import dev.flowdesk.ApiClient.Part;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attachments over HTTP on PostgreSQL (issue 10): a file goes up with a form submission and comes down for the
 * requester and the agent, and for nobody else; sizes, types and names are checked on the bytes, not on what the
 * client says.
 */
class AttachmentIT extends PostgresEngineTest {

    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void anotherRequester() {
        if (identity.createUserQuery().userId("zed").count() == 0) {
            User user = identity.newUser("zed");
            user.setPassword("demo");
            user.setEmail("zed@example.com");
            identity.saveUser(user);
        }
    }

    @Test
    void aFileUploadedWithASubmissionIsReadByRequesterAndAgentAndNobodyElse() {
        Response upload = as("alice").postFile("/api/attachments", "file", "screen shot.png", PNG);
        assertThat(upload.status()).as(upload.raw()).isEqualTo(201);
        String id = upload.json("/id").asText();
        assertThat(id).hasSizeGreaterThanOrEqualTo(22);
        assertThat(upload.json("/contentType").asText()).isEqualTo("image/png");
        assertThat(upload.json("/size").asLong()).isEqualTo(PNG.length);
        assertThat(upload.json("/url").asText()).endsWith("/api/attachments/" + id);

        // before the submission, only alice may read her upload
        assertThat(as("bob").download("/api/attachments/" + id).status()).isEqualTo(404);
        assertThat(as("alice").download("/api/attachments/" + id).status()).isEqualTo(200);

        Map<String, Object> hostile = new java.util.HashMap<>(formioFile(upload));
        hostile.put("originalName", "<img src=x onerror=alert(1)>");
        hostile.put("url", "javascript:alert(1)");
        Response submitted = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Error dialog on start", "description", "See the screenshot", "impact", "LOW",
                "urgency", "LOW", "attachments", List.of(hostile))));
        assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
        long ticket = submitted.json("/ticketId").asLong();
        // the ticket keeps what the store holds, not what the browser sent along with the id
        JsonNode kept = as("bob").get("/api/tickets/" + ticket).json("/fields/attachments/0");
        assertThat(kept.get("originalName").asText()).isEqualTo("screen shot.png");
        assertThat(kept.get("url").asText()).isEqualTo("/api/attachments/" + id);
        assertThat(kept.get("type").asText()).isEqualTo("image/png");

        for (String reader : List.of("alice", "bob")) {
            Download file = as(reader).download("/api/attachments/" + id);
            assertThat(file.status()).as(reader).isEqualTo(200);
            assertThat(file.body()).isEqualTo(PNG);
            assertThat(file.header("Content-Type")).isEqualTo("image/png");
            assertThat(file.header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"screen shot.png\"; filename*=UTF-8''screen%20shot.png");
            assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(as("zed").download("/api/attachments/" + id).status()).isEqualTo(404);
        assertThat(as("zed").get("/api/tickets/" + ticket + "/attachments").status()).isEqualTo(404);
        assertThat(ApiClient.anonymous(port).download("/api/attachments/" + id).status()).isEqualTo(401);
        assertThat(as("bob").get("/api/tickets/" + ticket + "/attachments").json("/0/id").asText()).isEqualTo(id);
        assertThat(jdbc.queryForObject("SELECT ticket_id FROM attachment WHERE id = ?", Long.class, id))
                .isEqualTo(ticket);
    }

    @Test
    void aSubmissionCannotClaimAnotherUsersUploadOrCarryInlineFiles() {
        Response bobs = as("bob").postFile("/api/attachments", "file", "bob.png", PNG);
        long tickets = count("ticket");

        Response stolen = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Steal", "description", "x", "impact", "LOW", "urgency", "LOW",
                "attachments", List.of(formioFile(bobs)))));
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.json("/errors/0/path").asText()).isEqualTo("data.attachments[0]");

        Response inline = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Inline", "description", "x", "impact", "LOW", "urgency", "LOW",
                "attachments", List.of(Map.of("storage", "base64", "name", "x.png", "size", 3,
                        "url", "data:image/png;base64,AAAA")))));
        assertThat(inline.status()).isEqualTo(400);
        assertThat(inline.json("/errors/0/path").asText()).isEqualTo("data.attachments[0]");
        assertThat(count("ticket")).isEqualTo(tickets);
        assertThat(jdbc.queryForObject("SELECT ticket_id FROM attachment WHERE id = ?", Long.class,
                bobs.json("/id").asText())).isNull();
    }

    @Test
    void oversizeHtmlInDisguiseAndPathsInNamesAreHandled() {
        byte[] big = Arrays.copyOf(PNG, 10 * 1024 * 1024 + 1);
        Response tooBig = as("alice").postFile("/api/attachments", "file", "big.png", big);
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.contentType()).startsWith("application/problem+json");
        assertThat(tooBig.json("/errors/0/path").asText()).isEqualTo("file");
        assertThat(tooBig.json("/errors/0/message").asText()).contains("10 MB");

        byte[] html = "<html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        Response disguised = as("alice").postFile("/api/attachments", "file", "cat.png", html);
        if (disguised.status() == 201) {
            // accepted only as what the bytes are, and then served as a download that never renders
            assertThat(disguised.json("/contentType").asText()).isNotEqualTo("image/png").isNotEqualTo("text/html");
            Download file = as("alice").download("/api/attachments/" + disguised.json("/id").asText());
            assertThat(file.header("Content-Disposition")).startsWith("attachment;");
            assertThat(file.header("X-Content-Type-Options")).isEqualTo("nosniff");
        } else {
            assertThat(disguised.status()).isEqualTo(400);
            assertThat(disguised.json("/errors/0/message").asText()).contains("text/html");
        }

        Response traversal = as("alice").postFile("/api/attachments", "file", "../../etc/passwd.png", PNG);
        assertThat(traversal.status()).isEqualTo(201);
        assertThat(traversal.json("/name").asText()).isEqualTo("passwd.png");

        Response empty = as("alice").postMultipart("/api/attachments", List.of(Part.text("name", "x")));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json("/errors/0/path").asText()).isEqualTo("file");
    }

    @Test
    void repliesCarryFilesAndInternalNotesKeepThemFromTheRequester() {
        long ticket = as("alice").post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Files in replies", "description", "x", "impact", "LOW", "urgency", "LOW")))
                .json("/ticketId").asLong();

        Response reply = as("alice").postMultipart("/api/tickets/" + ticket + "/articles", List.of(
                Part.text("body", "Here is the log"), new Part("files", "log.txt",
                        "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8)), new Part("files", "shot.png", PNG)));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(201);
        assertThat(reply.json("/attachments")).hasSize(2);
        assertThat(reply.json("/attachments/0/contentType").asText()).isEqualTo("text/plain");

        String noteFile = as("bob").postFile("/api/attachments", "file", "internal.png", PNG).json("/id").asText();
        Response note = as("bob").post("/api/tickets/" + ticket + "/articles", Map.of("body", "Vendor says reboot",
                "visibility", "INTERNAL", "attachments", List.of(noteFile)));
        assertThat(note.status()).as(note.raw()).isEqualTo(201);

        assertThat(as("bob").download("/api/attachments/" + noteFile).status()).isEqualTo(200);
        assertThat(as("alice").download("/api/attachments/" + noteFile).status()).isEqualTo(404);
        JsonNode aliceSees = as("alice").get("/api/tickets/" + ticket + "/attachments").body();
        assertThat(aliceSees).hasSize(2);
        assertThat(aliceSees.findValuesAsText("id")).doesNotContain(noteFile);
        JsonNode conversation = as("alice").get("/api/tickets/" + ticket + "/conversation").body();
        assertThat(conversation.findValuesAsText("id")).doesNotContain(noteFile);

        // a reply whose file is refused stores nothing, neither the article nor the other file
        long articles = count("article");
        long files = count("attachment");
        Response refused = as("alice").postMultipart("/api/tickets/" + ticket + "/articles", List.of(
                Part.text("body", "two files"), new Part("files", "ok.png", PNG),
                new Part("files", "empty.txt", new byte[0])));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json("/errors/0/path").asText()).isEqualTo("files[1]");
        assertThat(count("article")).isEqualTo(articles);
        assertThat(count("attachment")).isEqualTo(files);

        // zed may not write to (or learn about) alice's ticket
        assertThat(as("zed").postMultipart("/api/tickets/" + ticket + "/articles", List.of(
                Part.text("body", "hi"), new Part("files", "x.png", PNG))).status()).isEqualTo(404);
    }

    @Test
    void idsAreUnguessableAndUnknownIdsAnswer404() {
        assertThat(as("alice").download("/api/attachments/AAAAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);
        assertThat(as("alice").download("/api/attachments/" + "x".repeat(200)).status()).isEqualTo(404);
        String a = as("alice").postFile("/api/attachments", "file", "a.png", PNG).json("/id").asText();
        String b = as("alice").postFile("/api/attachments", "file", "b.png", PNG).json("/id").asText();
        assertThat(a).isNotEqualTo(b).matches("[A-Za-z0-9_-]{22}");
    }

    private static Map<String, Object> formioFile(Response upload) {
        // what formio.js's "url" storage keeps in the submission after POST /api/attachments
        return Map.of("storage", "url", "name", upload.json("/name").asText(), "originalName",
                upload.json("/name").asText(), "url", upload.json("/url").asText(), "size",
                upload.json("/size").asLong(), "type", "image/png",
                "data", Map.of("id", upload.json("/id").asText(), "url", upload.json("/url").asText()));
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
