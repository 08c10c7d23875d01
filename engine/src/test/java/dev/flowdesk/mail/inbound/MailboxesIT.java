package dev.flowdesk.mail.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.SimpleTrigger;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9: admins manage the mailboxes over {@code /api/admin/mail/mailboxes} (seeded from the properties on the first
 * start), each change reschedules the mailbox's clustered poll job at once, and a server that offers IMAP IDLE wakes
 * that job when mail arrives instead of the poll interval. Every mailbox here is its own GreenMail user, next to the
 * desk's mailbox of the base class; no answer may ever carry a password.
 */
class MailboxesIT extends GreenMailEngineTest {

    private static final String BASE = "/api/admin/mail/mailboxes";

    @Autowired MailboxWatchers watchers;

    /** Every raw answer of the API in this test, checked for passwords at its end. */
    private final List<String> answers = new ArrayList<>();

    /** The application context is shared with the other mail tests: only the desk's mailbox stays. */
    @AfterEach
    void deleteTheMailboxesOfThisTest() {
        for (JsonNode m : as("admin").get(BASE).body()) {
            if (m.get("id").asLong() != desk().id()) {
                assertThat(as("admin").delete(BASE + "/" + m.get("id").asLong()).status()).isEqualTo(204);
            }
        }
    }

    @Test
    void theMailboxesOfThePropertiesAreSeededOnceAndListedWithoutPassword() {
        Response list = admin().get(BASE);

        assertThat(list.status()).isEqualTo(200);
        JsonNode desk = byAddress(list.body(), DESK);
        assertThat(desk).isNotNull();
        assertThat(desk.get("url").asText()).isEqualTo("imap://help@127.0.0.1:" + IMAP.port() + "/INBOX");
        assertThat(desk.get("hasPassword").asBoolean()).isTrue();
        assertThat(desk.get("updatedBy").asText()).isEqualTo("flowdesk.mail.mailboxes");
        assertThat(desk.get("queue").asText()).isEqualTo("service-desk");
        assertThat(desk.get("idle").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("select mailboxes from mailbox_seed", Integer.class)).isEqualTo(1);
        assertNoPasswordIn("secret");
    }

    @Test
    void aMailboxCreatedOverRestIsPolledIntoTickets() throws Exception {
        GreenMailUser user = greenMailUser("intake-rest");

        Response created = admin().post(BASE, Map.of("url", url(user, "intake-rest-pw"), "address", address(user),
                "queue", "service-desk", "pollInterval", "PT1H", "idle", false));

        assertThat(created.status()).isEqualTo(201);
        long id = created.json("/id").asLong();
        assertThat(created.json("/url").asText()).isEqualTo("imap://intake-rest@127.0.0.1:" + imapPort() + "/INBOX");
        assertThat(created.json("/hasPassword").asBoolean()).isTrue();
        assertThat(created.json("/version").asInt()).isEqualTo(1);
        assertThat(created.json("/updatedBy").asText()).isEqualTo("admin");
        assertThat(scheduler.checkExists(JobKey.jobKey("poll-mailbox-" + id, "mail"))).isTrue();
        assertThat(admin().get(BASE + "/" + id).json("/address").asText()).isEqualTo(address(user));

        deliver(user, "Printer jammed, sent to the new mailbox");
        assertThat(admin().post(BASE + "/" + id + "/poll", Map.of()).status()).isEqualTo(202);

        await(() -> ticketsWithSubject("Printer jammed, sent to the new mailbox") == 1);
        long ticket = ticketBySubject("Printer jammed, sent to the new mailbox");
        assertThat(jdbc.queryForObject("select queue from ticket where id = ?", String.class, ticket))
                .isEqualTo("service-desk");
        Response test = admin().post(BASE + "/" + id + "/test", Map.of());
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.json("/ok").asBoolean()).isTrue();
        assertThat(test.json("/messages").asInt()).isEqualTo(1);
        assertThat(test.json("/unseen").asInt()).isZero();
        assertThat(test.json("/idle").asBoolean()).isTrue();
        assertNoPasswordIn("intake-rest-pw");
    }

    @Test
    void anUpdateWithoutPasswordKeepsItAStaleOneIsRefusedAndDisablingRemovesTheJob() throws Exception {
        GreenMailUser user = greenMailUser("intake-update");
        long id = admin().post(BASE, Map.of("url", url(user, "intake-update-pw"), "address", address(user),
                "pollInterval", "PT1H", "idle", false)).json("/id").asLong();

        // what the admin page sends back: the URL as shown (no password) with a new interval
        Response updated = admin().put(BASE + "/" + id, json(Map.of("url",
                "imap://intake-update@127.0.0.1:" + imapPort() + "/INBOX", "pollInterval", "PT20M", "version", 1)));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json("/version").asInt()).isEqualTo(2);
        assertThat(updated.json("/pollInterval").asText()).isEqualTo("PT20M");
        assertThat(updated.json("/hasPassword").asBoolean()).isTrue();
        // the stored password still logs in
        assertThat(admin().post(BASE + "/" + id + "/test", Map.of()).json("/ok").asBoolean()).isTrue();
        // and the clustered job runs at the new interval
        var triggers = scheduler.getTriggersOfJob(JobKey.jobKey("poll-mailbox-" + id, "mail"));
        assertThat(triggers).singleElement().satisfies(t ->
                assertThat(((SimpleTrigger) t).getRepeatInterval()).isEqualTo(20 * 60 * 1000L));

        Response stale = admin().put(BASE + "/" + id, json(Map.of("pollInterval", "PT5M", "version", 1)));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(admin().get(BASE + "/" + id).json("/pollInterval").asText()).isEqualTo("PT20M");

        Response disabled = admin().put(BASE + "/" + id, json(Map.of("enabled", false, "version", 2)));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json("/enabled").asBoolean()).isFalse();
        assertThat(scheduler.checkExists(JobKey.jobKey("poll-mailbox-" + id, "mail"))).isFalse();
        assertThat(admin().post(BASE + "/" + id + "/poll", Map.of()).status()).isEqualTo(409);

        Response enabled = admin().put(BASE + "/" + id, json(Map.of("enabled", true, "password", "wrong-password-7",
                "version", 3)));
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(scheduler.checkExists(JobKey.jobKey("poll-mailbox-" + id, "mail"))).isTrue();
        // a new password replaces the stored one: now the login fails, and the error tells why without the password
        Response test = admin().post(BASE + "/" + id + "/test", Map.of());
        assertThat(test.json("/ok").asBoolean()).isFalse();
        assertThat(test.json("/error").asText()).isNotBlank();
        assertNoPasswordIn("intake-update-pw");
        assertNoPasswordIn("wrong-password-7");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        GreenMailUser user = greenMailUser("intake-bad");
        Map<String, Object> good = Map.of("url", url(user, "intake-bad-pw"), "address", address(user));

        assertRefused(with(good, "url", "http://127.0.0.1/INBOX"), "url");
        assertRefused(with(good, "url", "imap:///INBOX"), "url");
        assertRefused(with(good, "url", "imap://127.0.0.1/INBOX"), "url");
        assertRefused(with(good, "url", "not a url at all"), "url");
        assertRefused(with(good, "address", "no address"), "address");
        assertRefused(with(good, "address", "Help Desk <help@example.com>"), "address");
        assertRefused(with(good, "address", DESK), "address");
        assertRefused(with(good, "pollInterval", "PT1S"), "pollInterval");
        assertRefused(with(good, "pollInterval", "every minute"), "pollInterval");
        assertRefused(with(good, "queue", "no-such-queue"), "queue");
        assertRefused(with(good, "process", "no-such-process"), "process");
        assertRefused(with(good, "type", "ANYTHING"), "type");
        long id = admin().post(BASE, good).json("/id").asLong();
        Response noVersion = admin().put(BASE + "/" + id, json(Map.of("pollInterval", "PT5M")));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.json("/errors/0/path").asText()).isEqualTo("version");
        assertThat(admin().get(BASE + "/987654").status()).isEqualTo(404);
        assertNoPasswordIn("intake-bad-pw");
    }

    @Test
    void onlyAdminsManageMailboxes() {
        long desk = desk().id();
        Map<String, Object> body = Map.of("url", "imap://x@127.0.0.1/INBOX", "address", "x@flowdesk.test");
        for (String user : List.of("bob", "alice", "dora")) {
            assertThat(as(user).get(BASE).status()).as(user).isEqualTo(403);
            assertThat(as(user).get(BASE + "/" + desk).status()).as(user).isEqualTo(403);
            assertThat(as(user).post(BASE, body).status()).as(user).isEqualTo(403);
            assertThat(as(user).put(BASE + "/" + desk, json(Map.of("version", 1))).status()).as(user).isEqualTo(403);
            assertThat(as(user).delete(BASE + "/" + desk).status()).as(user).isEqualTo(403);
            assertThat(as(user).post(BASE + "/" + desk + "/test", Map.of()).status()).as(user).isEqualTo(403);
        }
        ApiClient anonymous = ApiClient.anonymous(port);
        assertThat(anonymous.get(BASE).status()).isEqualTo(401);
        assertThat(anonymous.post(BASE, body).status()).isEqualTo(401);
        assertThat(anonymous.delete(BASE + "/" + desk).status()).isEqualTo(401);
        assertThat(desk().version()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from mailbox where address = 'x@flowdesk.test'",
                Integer.class)).isZero();
    }

    @Test
    void imapIdleTurnsNewMailIntoATicketLongBeforeThePollInterval() throws Exception {
        GreenMailUser user = greenMailUser("intake-idle");
        long id = admin().post(BASE, Map.of("url", url(user, "intake-idle-pw"), "address", address(user),
                "pollInterval", "PT10M")).json("/id").asLong();
        await(() -> "WATCHING".equals(watchers.state(id).orElse(null)));
        assertThat(admin().get(BASE + "/" + id).json("/idleState").asText()).isEqualTo("WATCHING");

        deliver(user, "Announced by IMAP IDLE");

        // the poll job's first scheduled run is ten minutes away: only IDLE can have woken it
        await(() -> ticketsWithSubject("Announced by IMAP IDLE") == 1);
        deliver(user, "Announced by IMAP IDLE again");
        await(() -> ticketsWithSubject("Announced by IMAP IDLE again") == 1);
        assertNoPasswordIn("intake-idle-pw");
    }

    @Test
    void aDeletedMailboxLosesItsJobAndItsWatcherAndIsNoLongerRead() throws Exception {
        GreenMailUser user = greenMailUser("intake-gone");
        long id = admin().post(BASE, Map.of("url", url(user, "intake-gone-pw"), "address", address(user),
                "pollInterval", "PT10M")).json("/id").asLong();
        await(() -> "WATCHING".equals(watchers.state(id).orElse(null)));

        assertThat(admin().delete(BASE + "/" + id + "?version=7").status()).isEqualTo(409);
        assertThat(admin().delete(BASE + "/" + id).status()).isEqualTo(204);

        assertThat(scheduler.checkExists(JobKey.jobKey("poll-mailbox-" + id, "mail"))).isFalse();
        assertThat(admin().get(BASE + "/" + id).status()).isEqualTo(404);
        assertThat(admin().delete(BASE + "/" + id).status()).isEqualTo(404);
        await(() -> watchers.state(id).isEmpty());
        deliver(user, "Sent to a deleted mailbox");
        // a run of the job that was queued before the delete finds no mailbox and reads nothing
        MailPollJob late = new MailPollJob(poller, mailboxStatus, mailboxes, mailJobs);
        late.setMailbox(id);
        late.executeInternal(null);
        Thread.sleep(2000);
        assertThat(ticketsWithSubject("Sent to a deleted mailbox")).isZero();
        assertThat(GREEN_MAIL.getManagers().getImapHostManager().getInbox(user).getMessages())
                .singleElement().satisfies(m -> assertThat(m.isSet(jakarta.mail.Flags.Flag.SEEN)).isFalse());
        assertNoPasswordIn("intake-gone-pw");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The admin's client; every answer is kept, to check that none carried a password. */
    private Admin admin() {
        return new Admin(as("admin"));
    }

    private final class Admin {
        private final ApiClient client;

        Admin(ApiClient client) {
            this.client = client;
        }

        Response get(String path) {
            return kept(client.get(path));
        }

        Response post(String path, Object body) {
            return kept(client.post(path, body));
        }

        Response put(String path, String json) {
            return kept(client.put(path, json));
        }

        Response delete(String path) {
            return kept(client.delete(path));
        }

        private Response kept(Response response) {
            answers.add(response.raw() == null ? "" : response.raw());
            return response;
        }
    }

    private void assertNoPasswordIn(String password) {
        List<String> bodies = new ArrayList<>(answers);
        bodies.add(as("admin").get(BASE).raw());
        bodies.add(as("admin").get("/api/admin/mail").raw());
        for (JsonNode m : as("admin").get(BASE).body()) {
            bodies.add(as("admin").get(BASE + "/" + m.get("id").asLong()).raw());
        }
        assertThat(bodies).allSatisfy(raw -> assertThat(raw).doesNotContain(password));
    }

    private void assertRefused(Map<String, Object> body, String field) {
        Response refused = admin().post(BASE, body);
        assertThat(refused.status()).as(body.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json("/errors/0/path").asText()).as(body.toString()).isEqualTo(field);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private static String json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode byAddress(JsonNode list, String address) {
        for (JsonNode m : list) {
            if (address.equals(m.get("address").asText())) {
                return m;
            }
        }
        return null;
    }

    private static int imapPort() {
        return GREEN_MAIL.getImap().getPort();
    }

    private static GreenMailUser greenMailUser(String login) {
        return GREEN_MAIL.setUser(login + "@flowdesk.test", login, login + "-pw");
    }

    private static String address(GreenMailUser user) {
        return user.getEmail();
    }

    private static String url(GreenMailUser user, String password) {
        return "imap://" + user.getLogin() + ":" + password + "@127.0.0.1:" + imapPort() + "/INBOX";
    }

    private static void deliver(GreenMailUser user, String subject) throws Exception {
        String raw = "From: paula@customer.example\r\nTo: " + user.getEmail() + "\r\nSubject: " + subject
                + "\r\nDate: Wed, 2 Dec 2026 10:00:00 +0000\r\nMessage-ID: <mailboxes-" + N.incrementAndGet()
                + "@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Please help.\r\n";
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    /** Waits up to 20 seconds for {@code condition} (a ticket, a watcher): what IDLE promises is "seconds". */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("reached within 20 s").isTrue();
    }
}
