package dev.flowdesk.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues 13 and 15, part 5: two tenants, each with an organisation, a requester, an agent in the desk's shared queues
 * ({@code service-desk}, {@code dispatcher}) and a designer, each create tickets, assets, articles and a form. Over
 * HTTP on PostgreSQL: a user of tenant A never sees a row of tenant B in any list, search, view count, report (JSON
 * and CSV), export, attachment download, task inbox or catalogue, and B's ids answer 404; the desk's own staff (no
 * tenant) see both.
 */
class TenantIsolationIT extends PostgresEngineTest {

    private static final String PASSWORD = "Tenant-Secret-1";

    @Autowired
    IdentityService identity;
    @Autowired
    TaskService engineTasks;

    private Tenant a;
    private Tenant b;
    private ApiClient admin;
    private ApiClient bob;

    /** One tenant's people and records; {@code marker} is in every subject and title of this run. */
    private final class Tenant {
        final String id;
        final String domain;
        final String marker;
        final ApiClient requester;
        final ApiClient agent;
        final ApiClient designer;
        final long organisation;
        final List<Long> tickets = new ArrayList<>();
        long asset;
        long article;
        String attachment;
        String formKey;

        Tenant(String letter, String run) {
            id = "t" + letter + run;
            domain = letter + run + ".example";
            marker = "Quokka" + run;
            var tenant = identity.newTenant(id);
            tenant.setName("Tenant " + letter.toUpperCase());
            identity.saveTenant(tenant);
            requester = user("req" + letter + run, List.of());
            agent = user("agt" + letter + run, List.of("service-desk", "dispatcher"));
            designer = user("des" + letter + run, List.of("designers"));
            Response org = admin.post("/api/organisations", Map.of("name", "Org " + id, "domains", List.of(domain),
                    "tier", "STANDARD", "tenant", id));
            assertThat(org.status()).as(org.raw()).isEqualTo(201);
            organisation = org.json("/id").asLong();
        }

        private ApiClient user(String userId, List<String> groups) {
            var user = identity.newUser(userId);
            user.setFirstName(userId);
            user.setLastName("Tenant");
            user.setEmail(userId + "@" + domain);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            groups.forEach(g -> identity.createMembership(userId, g));
            identity.createTenantUserMembership(id, userId);
            return ApiClient.as(port, userId, PASSWORD);
        }

        String subject() {
            // a password ticket: the shipped routing sends it to service-desk, a queue both tenants' agents share
            return marker + " password expired for " + id;
        }
    }

    @BeforeEach
    void twoTenantsWithTheirOwnRecords() {
        admin = as("admin");
        bob = as("bob");
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = new Tenant("a", run);
        b = new Tenant("b", run);
        for (Tenant t : List.of(a, b)) {
            // a ticket by the requester through the portal, one by the agent for a mail sender of the domain
            Response submitted = t.requester.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                    "subject", t.subject(), "description", "cannot log in " + t.marker, "impact", "LOW", "urgency", "LOW")));
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            t.tickets.add(submitted.json("/ticketId").asLong());
            Response direct = t.agent.post("/api/tickets", Map.of("type", "INCIDENT", "channel", "EMAIL",
                    "subject", t.subject() + " (mail)", "requester", "caller@" + t.domain, "impact", "LOW",
                    "urgency", "LOW"));
            assertThat(direct.status()).as(direct.raw()).isEqualTo(201);
            t.tickets.add(direct.json("/ticketId").asLong());

            Response asset = t.agent.post("/api/assets", Map.of("type", "laptop", "name", t.marker + " laptop "
                    + t.id, "serial", "SN-" + t.id, "status", "IN_USE", "organisationId", t.organisation));
            assertThat(asset.status()).as(asset.raw()).isEqualTo(201);
            t.asset = asset.json("/id").asLong();

            Response article = t.agent.post("/api/kb/articles", Map.of("title", t.marker + " article of " + t.id,
                    "body", "<p>Reset the " + t.marker + " password</p>", "language", "en", "visibility", "PUBLIC"));
            assertThat(article.status()).as(article.raw()).isEqualTo(201);
            t.article = article.json("/id").asLong();
            assertThat(article.json("/tenant").asText()).isEqualTo(t.id);
            assertThat(admin.post("/api/kb/articles/" + t.article + "/publish", Map.of()).status()).isEqualTo(200);

            Response file = t.requester.postFile("/api/tickets/" + t.tickets.get(0) + "/attachments", "file",
                    "log-" + t.id + ".txt", ("log of " + t.id).getBytes(StandardCharsets.UTF_8));
            assertThat(file.status()).as(file.raw()).isEqualTo(201);
            t.attachment = file.json("/id").asText();

            t.formKey = "tenant-form-" + t.id.toLowerCase();
            Response form = t.designer.put("/api/forms/" + t.formKey, "{\"display\":\"form\",\"title\":\"" + t.marker
                    + "\",\"components\":[{\"type\":\"textfield\",\"key\":\"subject\",\"label\":\"Subject\"}]}");
            assertThat(form.status()).as(form.raw()).isEqualTo(200);
        }
    }

    @Test
    void tenantAOpensNothingOfTenantB() {
        for (long ticket : b.tickets) {
            for (ApiClient client : List.of(a.requester, a.agent, a.designer)) {
                assertThat(client.get("/api/tickets/" + ticket).status()).isEqualTo(404);
                assertThat(client.get("/api/tickets/" + ticket + "/history").status()).isEqualTo(404);
                assertThat(client.get("/api/tickets/" + ticket + "/attachments").status()).isEqualTo(404);
            }
            // the agent of B in the same shared queues opens it
            assertThat(b.agent.get("/api/tickets/" + ticket).status()).isEqualTo(200);
            assertThat(b.agent.get("/api/tickets/" + ticket).json("/tenant").asText()).isEqualTo(b.id);
            assertThat(bob.get("/api/tickets/" + ticket).status()).isEqualTo(200);
        }
        assertThat(a.agent.download("/api/attachments/" + b.attachment).status()).isEqualTo(404);
        assertThat(a.requester.download("/api/attachments/" + b.attachment).status()).isEqualTo(404);
        assertThat(b.agent.download("/api/attachments/" + b.attachment).status()).isEqualTo(200);
        assertThat(a.agent.get("/api/assets/" + b.asset).status()).isEqualTo(404);
        assertThat(a.agent.get("/api/assets/" + a.asset).status()).isEqualTo(200);
        assertThat(a.agent.get("/api/organisations/" + b.organisation).status()).isEqualTo(404);
        assertThat(a.agent.get("/api/organisations/" + a.organisation).status()).isEqualTo(200);
        assertThat(a.agent.get("/api/kb/articles/" + b.article).status()).isEqualTo(404);
        assertThat(a.requester.get("/api/kb/articles/" + b.article).status()).isEqualTo(404);
        assertThat(a.requester.get("/api/kb/articles/" + a.article).status()).isEqualTo(200);
        assertThat(a.agent.put("/api/kb/articles/" + b.article, "{\"title\":\"mine now\",\"version\":1}").status())
                .isEqualTo(404);
        // a requester of no tenant sees shared articles only, the staff see all
        assertThat(as("alice").get("/api/kb/articles/" + a.article).status()).isEqualTo(404);
        assertThat(bob.get("/api/kb/articles/" + b.article).status()).isEqualTo(200);
        // B's form does not exist for A, and its key cannot be taken over
        assertThat(a.requester.get("/api/forms/" + b.formKey).status()).isEqualTo(404);
        assertThat(b.requester.get("/api/forms/" + b.formKey).status()).isEqualTo(200);
        assertThat(ApiClient.anonymous(port).get("/api/forms/" + b.formKey).status()).isEqualTo(404);
        Response takeOver = a.designer.put("/api/forms/" + b.formKey,
                "{\"display\":\"form\",\"components\":[{\"type\":\"textfield\",\"key\":\"x\",\"label\":\"X\"}]}");
        assertThat(takeOver.status()).isEqualTo(400);
        assertThat(takeOver.json("/errors/0/path").asText()).isEqualTo("key");
        assertThat(takeOver.json("/detail").asText()).doesNotContain(b.id);
    }

    @Test
    void everyListAndSearchOfTenantAHoldsOnlyItsOwnRows() {
        // tickets: list with words, the one search box
        assertThat(numbers(a.agent.get("/api/tickets?q=" + a.marker))).containsExactlyInAnyOrderElementsOf(
                a.tickets);
        assertThat(numbers(a.agent.get("/api/search?type=ticket&q=" + a.marker)))
                .containsExactlyInAnyOrderElementsOf(a.tickets);
        assertThat(numbers(a.requester.get("/api/tickets?q=" + a.marker))).containsExactly(a.tickets.get(0));
        assertThat(numbers(bob.get("/api/tickets?q=" + a.marker))).containsAll(a.tickets).containsAll(b.tickets);
        // knowledge base: list, search, suggestions
        assertThat(numbers(a.agent.get("/api/kb/articles?q=" + a.marker))).containsExactly(a.article);
        assertThat(numbers(a.requester.get("/api/search?type=article&q=" + a.marker))).containsExactly(a.article);
        assertThat(numbers(a.agent.get("/api/kb/articles?status=PUBLISHED&size=200"))).doesNotContain(b.article);
        JsonNode suggestions = a.agent.get("/api/tickets/" + a.tickets.get(0) + "/kb-suggestions").body();
        suggestions.forEach(s -> assertThat(s.get("id").asLong()).isNotEqualTo(b.article));
        assertThat(numbers(bob.get("/api/kb/articles?q=" + a.marker))).contains(a.article, b.article);
        // organisations, contacts, assets
        assertThat(ids(a.agent.get("/api/organisations?q=Org+t")).contains(b.organisation)).isFalse();
        assertThat(ids(a.agent.get("/api/organisations?q=Org+t"))).contains(a.organisation);
        assertThat(a.agent.get("/api/contacts?q=" + b.domain).json("/items")).isEmpty();
        assertThat(a.agent.get("/api/contacts?q=" + a.domain).json("/items")).isNotEmpty();
        assertThat(ids(a.agent.get("/api/assets?q=" + a.marker))).containsExactly(a.asset);
        assertThat(ids(bob.get("/api/assets?q=" + a.marker))).containsExactlyInAnyOrder(a.asset, b.asset);
        // saved view counts
        Response view = a.agent.post("/api/views", Map.of("name", "Quokkas", "shared", false,
                "filters", Map.of("q", a.marker)));
        assertThat(view.status()).as(view.raw()).isEqualTo(201);
        assertThat(view.json("/count").asLong()).isEqualTo(a.tickets.size());
        // the task inbox of the shared queues: none of B's tickets, and B's task answers 404
        List<Long> inboxTickets = new ArrayList<>();
        a.agent.get("/api/tasks?size=200").json("/items").forEach(t -> inboxTickets.add(t.path("ticket").path("id").asLong()));
        assertThat(inboxTickets).doesNotContainAnyElementsOf(b.tickets);
        String bTask = taskOf(b.tickets.get(0));
        assertThat(a.agent.get("/api/tasks/" + bTask).status()).isEqualTo(404);
        assertThat(a.agent.post("/api/tasks/" + bTask + "/claim", Map.of()).status()).isEqualTo(404);
        assertThat(b.agent.get("/api/tasks/" + bTask).status()).isEqualTo(200);
        // catalogue: the designer of A lists A's form, not B's
        List<String> forms = new ArrayList<>();
        a.designer.get("/api/forms").body().forEach(f -> forms.add(f.get("key").asText()));
        assertThat(forms).contains(a.formKey).doesNotContain(b.formKey);
        // personal data export
        String export = a.requester.get("/api/me/export").raw();
        assertThat(export).contains(a.subject()).doesNotContain(b.id);
    }

    @Test
    void reportsOfTenantACountOnlyItsTickets() {
        // a designer bound to a tenant sees the whole of her tenant: exactly its two tickets of today
        Response overview = a.designer.get("/api/reports/overview");
        assertThat(overview.status()).as(overview.raw()).isEqualTo(200);
        assertThat(overview.json("/totals/created").asLong()).isEqualTo(a.tickets.size());
        assertThat(createdInCsv(a.designer.get("/api/reports/overview.csv").raw())).isEqualTo(a.tickets.size());
        assertThat(createdInCsv(a.designer.get("/api/reports/volume?format=csv").raw())).isEqualTo(a.tickets.size());
        // the agents of either tenant, in the same queues: their own tenant's tickets at most
        assertThat(b.agent.get("/api/reports/overview").json("/totals/created").asLong()).isEqualTo(b.tickets.size());
        assertThat(a.agent.get("/api/reports/overview").json("/totals/created").asLong()).isEqualTo(a.tickets.size());
        // the desk's own designer counts both
        assertThat(as("dora").get("/api/reports/overview").json("/totals/created").asLong())
                .isGreaterThanOrEqualTo(a.tickets.size() + b.tickets.size());
    }

    @Test
    void thePeoplePickersOfTenantAShowOnlyItsPeopleAndItsOrSharedGroups() {
        // a queue of tenant B by Camunda tenant membership, and one whose only member is B's agent
        String run = b.id.substring(2);
        for (String g : List.of("bq-" + run, "bm-" + run)) {
            var group = identity.newGroup(g);
            group.setName("B queue " + g);
            group.setType("agent");
            identity.saveGroup(group);
        }
        identity.createTenantGroupMembership(b.id, "bq-" + run);
        identity.createMembership("agt" + "b" + run, "bm-" + run);

        List<String> aFinds = userIds(a.agent.get("/api/users?q=Tenant"));
        assertThat(aFinds).contains("reqa" + run, "agta" + run, "desa" + run)
                .doesNotContain("reqb" + run, "agtb" + run, "desb" + run, "bob", "alice");
        assertThat(userIds(a.agent.get("/api/users"))).containsExactlyInAnyOrder("reqa" + run, "agta" + run,
                "desa" + run);
        assertThat(userIds(a.agent.get("/api/users?q=agtb" + run))).isEmpty();
        assertThat(userIds(a.agent.get("/api/users?group=service-desk"))).doesNotContain("agtb" + run, "bob");
        assertThat(userIds(bob.get("/api/users?q=" + run))).contains("reqa" + run, "reqb" + run);

        List<String> aGroups = userIds(a.agent.get("/api/groups"));
        assertThat(aGroups).contains("service-desk").doesNotContain("bq-" + run, "bm-" + run, "acme-service-desk");
        assertThat(userIds(b.agent.get("/api/groups"))).contains("service-desk", "bq-" + run, "bm-" + run);
        assertThat(userIds(bob.get("/api/groups"))).contains("service-desk", "bq-" + run, "bm-" + run);
    }

    @Test
    void anAgentOfATenantCannotOpenATicketForAnotherTenantsRequester() {
        Response refused = a.agent.post("/api/tickets", Map.of("type", "INCIDENT", "channel", "PHONE",
                "subject", "For someone else", "requester", "caller@" + b.domain, "impact", "LOW", "urgency", "LOW"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.raw()).contains("requester");
        // an article cannot be written for another tenant either
        Response article = a.agent.post("/api/kb/articles", Map.of("title", "Theirs", "body", "<p>x</p>",
                "tenant", b.id));
        assertThat(article.status()).isEqualTo(400);
        assertThat(article.raw()).contains("tenant");
    }

    private String taskOf(long ticket) {
        String instance = admin.get("/api/tickets/" + ticket).json("/processInstanceId").asText();
        return engineTasks.createTaskQuery().processInstanceId(instance).list().get(0).getId();
    }

    private static List<String> userIds(Response list) {
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().forEach(p -> ids.add(p.get("id").asText()));
        return ids;
    }

    private static List<Long> numbers(Response page) {
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        page.json("/items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    /** The ids on a page of organisations or assets (lists are pages since issue 13's paging). */
    private static List<Long> ids(Response page) {
        return numbers(page);
    }

    private static long createdInCsv(String csv) {
        Matcher created = Pattern.compile("(?m)^totals,[^,]*,created,(\\d+)").matcher(csv);
        assertThat(created.find()).as(csv).isTrue();
        return Long.parseLong(created.group(1));
    }
}
