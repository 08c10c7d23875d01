package dev.flowdesk.mail.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Download;
import dev.flowdesk.ApiClient.Response;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 with issue 10's attachment store: files of a mail are stored on the ticket and downloaded in its scope;
 * admins see each mailbox's last poll, run a poll now, and work through the quarantine and the failed deliveries.
 */
class MailAdminIT extends GreenMailEngineTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.ManagementService management;

    @Test
    void anOverdueApprovalMailsItsDeputies() {
        long id = as("alice").post("/api/forms/request-service/submissions", Map.of("data", Map.of(
                "catalogueItem", "other", "subject", "Standing desk", "justification", "back pain",
                "fulfilmentItems", java.util.List.of(Map.of("subject", "Desk", "category", "hardware")))))
                .json("/ticketId").asLong();
        String pid = as("bob").get("/api/tickets/" + id).json("/processInstanceId").asText();
        String approval = runtime.createProcessInstanceQuery().superProcessInstanceId(pid).singleResult().getId();
        var timer = management.createJobQuery().processInstanceId(approval).activityId("Timer_ApprovalOverdue")
                .singleResult();

        management.executeJob(timer.getId());

        assertThat(outbox.ofTicket(id)).anySatisfy(mail -> {
            assertThat(mail.template()).isEqualTo("approval-overdue");
            assertThat(mail.recipient()).isEqualTo("sam@example.com");
            assertThat(mail.subject()).contains("Standing desk");
            assertThat(mail.body()).contains("vote(s) of ").contains("still open");
        });
    }

    @Test
    void filesOfAMailAreStoredOnItsTicketAndDownloadedByAgents() throws Exception {
        deliver(new String(MimeParserTest.corpus("inline-image-pdf.eml"), StandardCharsets.ISO_8859_1)
                .replace("inline-1@", "files-1@").replace("Screenshot of the error", "Files stored from mail")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(poll().created()).isEqualTo(1);
        long ticket = ticketBySubject("Files stored from mail");

        JsonNode files = as("bob").get("/api/tickets/" + ticket + "/attachments").body();
        assertThat(files.findValuesAsText("name")).containsExactly("shot.png", "Fehlerbericht März.pdf");
        assertThat(files.findValuesAsText("contentType")).containsExactly("image/png", "application/pdf");
        JsonNode article = as("bob").get("/api/tickets/" + ticket + "/conversation").body().get(0);
        assertThat(article.get("channel").asText()).isEqualTo("MAIL");
        assertThat(article.at("/attachments/0/id").asText()).isEqualTo(files.at("/0/id").asText());
        assertThat(article.at("/attachments/0/image").asBoolean()).isTrue();

        Download pdf = as("bob").download("/api/attachments/" + files.at("/1/id").asText());
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(new String(pdf.body(), StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
        assertThat(pdf.header("Content-Disposition")).contains("filename*=UTF-8''Fehlerbericht%20M%C3%A4rz.pdf");
        // the sender is no user of ours: a requester who is not the sender sees nothing
        assertThat(as("alice").download("/api/attachments/" + files.at("/1/id").asText()).status()).isEqualTo(404);
    }

    @Test
    void adminsSeeMailboxesTheQuarantineAndPollNow() throws Exception {
        deliver(new String(MimeParserTest.corpus("no-sender.eml"), StandardCharsets.ISO_8859_1)
                .replace("nosender-1@", "nosender-admin@").getBytes(StandardCharsets.ISO_8859_1));
        deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                .replace("plain-1@", "admin-poll-1@").replace("Printer on floor 3 is jammed", "Polled by an admin")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(as("bob").get("/api/admin/mail").status()).isEqualTo(403);
        long desk = desk().id();
        assertThat(as("bob").post("/api/admin/mail/mailboxes/" + desk + "/poll", Map.of()).status()).isEqualTo(403);
        assertThat(as("admin").post("/api/admin/mail/mailboxes/987654/poll", Map.of()).status()).isEqualTo(404);

        // "poll now" runs the clustered job; its outcome appears on the overview
        assertThat(as("admin").post("/api/admin/mail/mailboxes/" + desk + "/poll", Map.of()).status())
                .isEqualTo(202);
        JsonNode box = null;
        for (int i = 0; i < 120 && ticketsWithSubject("Polled by an admin") == 0; i++) {
            Thread.sleep(250);
        }
        for (int i = 0; i < 40; i++) {
            for (JsonNode b : as("admin").get("/api/admin/mail").json("/mailboxes")) {
                if (b.get("id").asLong() == desk) {
                    box = b;
                }
            }
            if (box != null && box.hasNonNull("lastSuccessAt")) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(ticketsWithSubject("Polled by an admin")).isEqualTo(1);
        assertThat(box.get("address").asText()).isEqualTo(DESK);
        assertThat(box.get("name").asText()).doesNotContain("secret");
        assertThat(box.get("lastSuccessAt").isNull()).isFalse();
        assertThat(box.get("lastError").isNull()).isTrue();

        Response page = as("admin").get("/api/admin/mail/quarantine?size=200");
        assertThat(page.status()).isEqualTo(200);
        JsonNode quarantined = null;
        for (JsonNode q : page.json("/items")) {
            if (q.get("messageKey").asText().startsWith("nosender-admin@")) {
                quarantined = q;
            }
        }
        assertThat(quarantined).isNotNull();
        assertThat(quarantined.get("reason").asText()).contains("no sender");
        long id = quarantined.get("id").asLong();
        assertThat(as("bob").get("/api/admin/mail/quarantine").status()).isEqualTo(403);
        assertThat(as("admin").delete("/api/admin/mail/quarantine/" + id).status()).isEqualTo(204);
        assertThat(as("admin").delete("/api/admin/mail/quarantine/" + id).status()).isEqualTo(404);
        assertThat(as("admin").get("/api/admin/mail/deliveries").status()).isEqualTo(200);
    }
}
