package dev.flowdesk.admin;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin area over HTTP on PostgreSQL (issue 15 part 4): users, groups and roles, queues, tenants, each change a
 * security event; non-administrators 403; bad input 400 naming the field, unknown ids 404, duplicates 409.
 */
class AdminAreaIT extends PostgresEngineTest {

    @Autowired
    IdentityService identity;

    private static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    private static Map<String, Object> newUser(String id, List<String> groups) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("firstName", "Erin");
        body.put("lastName", "Engineer");
        body.put("email", id + "@example.com");
        body.put("language", "de");
        body.put("groups", groups);
        body.put("password", "first-Secret-1!");
        return body;
    }

    private List<String> events(String kind, String subject) {
        Response events = as("admin").get("/api/admin/security-events?kind=" + kind + "&actor=admin&size=200");
        assertThat(events.status()).isEqualTo(200);
        List<String> details = new ArrayList<>();
        events.json("/items").forEach(e -> {
            if (subject.equals(e.path("subject").asText())) {
                details.add(e.path("detail").asText());
            }
        });
        return details;
    }

    @Test
    void anAdministratorCreatesAUserWhoSignsInWithTheRolesOfHerGroups() {
        String id = unique("erin");

        Response created = as("admin").post("/api/admin/users", newUser(id, List.of("service-desk")));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json("/groups").toString()).isEqualTo("[\"service-desk\"]");
        assertThat(created.json("/roles").toString()).contains("AGENT", "USER");
        assertThat(created.json("/language").asText()).isEqualTo("de");
        assertThat(created.json("/disabled").asBoolean()).isFalse();
        assertThat(created.raw()).doesNotContainIgnoringCase("password").doesNotContain("first-Secret");
        Response me = ApiClient.as(port, id, "first-Secret-1!").get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json("/roles").toString()).contains("AGENT");
        assertThat(ApiClient.as(port, id, "first-Secret-1!").get("/api/tasks").status()).isEqualTo(200);
        assertThat(events("USER_CREATED", id)).hasSize(1);
        assertThat(events("ROLE_CHANGED", id)).containsExactly("joined service-desk");
        Response listed = as("admin").get("/api/admin/users?q=" + id + "&size=10");
        assertThat(listed.json("/total").asLong()).isEqualTo(1);
        assertThat(listed.json("/items/0/id").asText()).isEqualTo(id);
        assertThat(as("admin").get("/api/admin/users?q=ENGINEER&group=service-desk&size=200").raw()).contains(id);
        assertThat(as("admin").get("/api/admin/users?group=dispatcher&size=200").raw()).doesNotContain(id);
    }

    @Test
    void onlyAdministratorsUseTheAdminArea() {
        for (String user : List.of("alice", "bob", "carol", "dora", "ines")) {
            assertThat(as(user).get("/api/admin/users").status()).as(user).isEqualTo(403);
            assertThat(as(user).get("/api/admin/users/bob").status()).as(user).isEqualTo(403);
            assertThat(as(user).post("/api/admin/users", newUser(unique("mallory"), List.of())).status()).as(user)
                    .isEqualTo(403);
            assertThat(as(user).get("/api/admin/groups").status()).as(user).isEqualTo(403);
            assertThat(as(user).post("/api/admin/groups/camunda-admin/members", Map.of("userId", user)).status())
                    .as(user).isEqualTo(403);
            assertThat(as(user).get("/api/admin/queues").status()).as(user).isEqualTo(403);
            assertThat(as(user).get("/api/admin/tenants").status()).as(user).isEqualTo(403);
            assertThat(as(user).post("/api/admin/users/bob/disable", Map.of()).status()).as(user).isEqualTo(403);
        }
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("bob").count()).isZero();
        assertThat(ApiClient.anonymous(port).get("/api/admin/users").status()).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
        Map<String, Object> badId = newUser("no way/../x", List.of());
        assertField(as("admin").post("/api/admin/users", badId), 400, "id");
        Map<String, Object> unknownGroup = newUser(unique("gina"), List.of("service-desk", "no-such-group"));
        assertField(as("admin").post("/api/admin/users", unknownGroup), 400, "groups[1]");
        assertThat(identity.createUserQuery().userId((String) unknownGroup.get("id")).count()).isZero();
        Map<String, Object> badMail = newUser(unique("gina"), List.of());
        badMail.put("email", "gina\r\nBcc: x@example.com");
        assertField(as("admin").post("/api/admin/users", badMail), 400, "email");
        Map<String, Object> noPassword = newUser(unique("gina"), List.of());
        noPassword.remove("password");
        assertField(as("admin").post("/api/admin/users", noPassword), 400, "password");
        Map<String, Object> badTenant = newUser(unique("gina"), List.of());
        badTenant.put("tenant", "no-such-tenant");
        assertField(as("admin").post("/api/admin/users", badTenant), 400, "tenant");
        Map<String, Object> roles = newUser(unique("gina"), List.of());
        roles.put("roles", List.of("ADMIN"));
        assertField(as("admin").post("/api/admin/users", roles), 400, "roles");
        assertThat(identity.createUserQuery().userId((String) roles.get("id")).count()).isZero();

        assertThat(as("admin").post("/api/admin/users", newUser("bob", List.of())).status()).isEqualTo(409);
        assertThat(identity.createUserQuery().userId("bob").singleResult().getFirstName()).isEqualTo("Bob");
        assertThat(as("admin").get("/api/admin/users/no-such-user").status()).isEqualTo(404);
        assertThat(as("admin").put("/api/admin/users/no-such-user", "{}").status()).isEqualTo(404);
        assertThat(as("admin").post("/api/admin/users/no-such-user/disable", Map.of()).status()).isEqualTo(404);
        assertThat(as("admin").post("/api/admin/users/no-such-user/password", Map.of("password", "x")).status())
                .isEqualTo(404);
        assertThat(as("admin").get("/api/admin/groups/no-such-group").status()).isEqualTo(404);
        assertThat(as("admin").put("/api/admin/groups/no-such-group", "{\"name\":\"x\"}").status()).isEqualTo(404);
        assertThat(as("admin").delete("/api/admin/groups/service-desk/members/alice").status()).isEqualTo(404);
        assertField(as("admin").post("/api/admin/groups/service-desk/members", Map.of("userId", "nobody-here")), 400,
                "userId");
        assertField(as("admin").post("/api/admin/groups", Map.of("id", unique("g"), "name", "G", "role", "ROOT")),
                400, "role");
        assertField(as("admin").post("/api/admin/groups", Map.of("id", "bad id", "name", "G")), 400, "id");
        assertThat(as("admin").post("/api/admin/groups", Map.of("id", "service-desk", "name", "Again")).status())
                .isEqualTo(409);
        assertField(as("admin").put("/api/admin/groups/camunda-admin", "{\"name\":\"Admins\",\"role\":\"AGENT\"}"),
                400, "role");
        assertThat(as("admin").post("/api/admin/users/admin/disable", Map.of()).status()).isEqualTo(409);
        assertThat(as("admin").get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void anEditChangesProfileTenantAndGroupsAndRecordsEachChange() {
        String id = unique("fred");
        assertThat(as("admin").post("/api/admin/users", newUser(id, List.of("service-desk"))).status())
                .isEqualTo(201);

        Response changed = as("admin").put("/api/admin/users/" + id, """
                {"firstName":"Fred","lastName":"Field","email":"fred@acme.example","language":"en",
                 "tenant":"acme","groups":["acme-service-desk"]}""");

        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.json("/name").asText()).isEqualTo("Fred Field");
        assertThat(changed.json("/tenant").asText()).isEqualTo("acme");
        assertThat(changed.json("/groups").toString()).isEqualTo("[\"acme-service-desk\"]");
        Response me = ApiClient.as(port, id, "first-Secret-1!").get("/api/me");
        assertThat(me.json("/tenant").asText()).isEqualTo("acme");
        assertThat(me.json("/language").asText()).isEqualTo("en");
        assertThat(events("TENANT_CHANGED", id)).containsExactly("tenant none -> acme");
        assertThat(events("ROLE_CHANGED", id)).contains("left service-desk", "joined acme-service-desk");
        assertThat(events("USER_CHANGED", id)).hasSize(1);
        assertField(as("admin").put("/api/admin/users/" + id, "{\"lastName\":\"x\",\"password\":\"p\"}"), 400,
                "password");
    }

    @Test
    void aDisabledAccountCannotSignInAndLosesItsTokensUntilEnabled() {
        String id = unique("dan");
        as("admin").post("/api/admin/users", newUser(id, List.of("service-desk")));
        ApiClient dan = ApiClient.as(port, id, "first-Secret-1!");
        assertThat(dan.get("/api/me").status()).isEqualTo(200);
        String token = as("admin").post("/api/admin/tokens", Map.of("userId", id, "name", "ci", "scopes",
                List.of("tickets:read"), "expiresAt", Instant.now().plus(5, ChronoUnit.DAYS).toString()))
                .json("/token").asText();
        assertThat(ApiClient.bearer(port, token).get("/api/tickets").status()).isEqualTo(200);

        Response disabled = as("admin").post("/api/admin/users/" + id + "/disable", Map.of());

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json("/disabled").asBoolean()).isTrue();
        assertThat(dan.get("/api/me").status()).isEqualTo(401);
        assertThat(ApiClient.bearer(port, token).get("/api/tickets").status()).isEqualTo(401);
        assertField(as("admin").post("/api/admin/tokens", Map.of("userId", id, "name", "again", "scopes",
                List.of("tickets:read"), "expiresAt", Instant.now().plus(5, ChronoUnit.DAYS).toString())), 400,
                "userId");
        assertThat(events("USER_DISABLED", id)).containsExactly("sessions ended: 0, tokens revoked: 1");

        assertThat(as("admin").post("/api/admin/users/" + id + "/enable", Map.of()).json("/disabled").asBoolean())
                .isFalse();
        assertThat(dan.get("/api/me").status()).isEqualTo(200);
        assertThat(ApiClient.bearer(port, token).get("/api/tickets").status()).isEqualTo(401);
        assertThat(events("USER_ENABLED", id)).hasSize(1);
    }

    @Test
    void aPasswordIsSetOnlyByAnExplicitReset() {
        String id = unique("pia");
        as("admin").post("/api/admin/users", newUser(id, List.of()));
        // a sign-in with the first password: its verification is cached, and the reset must forget it
        assertThat(ApiClient.as(port, id, "first-Secret-1!").get("/api/me").status()).isEqualTo(200);
        // a wrong password first: Camunda then delays this account's sign-ins, which the reset lifts
        assertThat(ApiClient.as(port, id, "a-guess").get("/api/me").status()).isEqualTo(401);

        Response reset = as("admin").post("/api/admin/users/" + id + "/password", Map.of("password", "second-Secret-2!"));

        assertThat(reset.status()).isEqualTo(204);
        assertThat(ApiClient.as(port, id, "second-Secret-2!").get("/api/me").status()).isEqualTo(200);
        assertThat(ApiClient.as(port, id, "first-Secret-1!").get("/api/me").status()).isEqualTo(401);
        assertThat(events("PASSWORD_RESET", id)).hasSize(1);
        assertField(as("admin").post("/api/admin/users/" + id + "/password", Map.of("password", "")), 400,
                "password");
    }

    @Test
    void aDirectoryAccountIsReadOnlyExceptItsGroups() {
        String id = unique("lydia");
        User user = identity.newUser(id);
        user.setFirstName("Lydia");
        user.setLastName("Ldap");
        user.setEmail(id + "@corp.example");
        user.setPassword("unusable-Aa1!");
        identity.saveUser(user);
        identity.setUserInfo(id, "flowdesk.source", "ldap");

        Response rename = as("admin").put("/api/admin/users/" + id, """
                {"firstName":"Lydia","lastName":"Renamed","email":"%s@corp.example","groups":[]}""".formatted(id));
        assertField(rename, 400, "lastName");
        assertThat(identity.createUserQuery().userId(id).singleResult().getLastName()).isEqualTo("Ldap");

        Response groups = as("admin").put("/api/admin/users/" + id, """
                {"firstName":"Lydia","lastName":"Ldap","email":"%s@corp.example","groups":["network"]}"""
                .formatted(id));
        assertThat(groups.status()).as(groups.raw()).isEqualTo(200);
        assertThat(groups.json("/source").asText()).isEqualTo("ldap");
        assertThat(groups.json("/groups").toString()).isEqualTo("[\"network\"]");
        assertField(as("admin").post("/api/admin/users/" + id + "/password", Map.of("password", "x-Secret-3!")), 400,
                "password");
    }

    @Test
    void aGroupGrantsTheRoleItsTypeNamesAndMembersComeAndGo() {
        String group = unique("night-shift");
        String id = unique("nora");
        as("admin").post("/api/admin/users", newUser(id, List.of()));

        Response created = as("admin").post("/api/admin/groups", Map.of("id", group, "name", "Night shift",
                "role", "agent"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json("/role").asText()).isEqualTo("AGENT");
        Response added = as("admin").post("/api/admin/groups/" + group + "/members", Map.of("userId", id));
        assertThat(added.json("/members/0/id").asText()).isEqualTo(id);
        assertThat(as("admin").get("/api/admin/users/" + id).json("/roles").toString()).contains("AGENT");
        assertThat(as("admin").get("/api/admin/queues").raw()).contains("\"id\":\"" + group + "\"");

        Response approver = as("admin").put("/api/admin/groups/" + group, "{\"name\":\"Night approvers\","
                + "\"role\":\"APPROVER\"}");
        assertThat(approver.status()).isEqualTo(200);
        Response me = ApiClient.as(port, id, "first-Secret-1!").get("/api/me");
        assertThat(me.json("/roles").toString()).contains("APPROVER").doesNotContain("AGENT");
        assertThat(events("ROLE_CHANGED", "group:" + group)).containsExactly(
                "grants APPROVER instead of AGENT to 1 members");
        assertThat(as("admin").get("/api/admin/groups").raw()).contains("{\"id\":\"" + group
                + "\",\"name\":\"Night approvers\",\"role\":\"APPROVER\",\"members\":1}");

        assertThat(as("admin").delete("/api/admin/groups/" + group + "/members/" + id).json("/members").size())
                .isZero();
        assertThat(events("ROLE_CHANGED", id)).containsExactly("left " + group, "joined " + group);
        assertThat(as("admin").get("/api/admin/users/" + id).json("/roles").toString()).isEqualTo("[\"USER\"]");
    }

    @Test
    void aQueueShowsItsAgentsCalendarAndMailbox() {
        String queue = unique("q");
        as("admin").post("/api/admin/groups", Map.of("id", queue, "name", "Queue " + queue, "role", "AGENT"));
        as("admin").post("/api/admin/groups/" + queue + "/members", Map.of("userId", "bob"));
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("MONDAY", Map.of("start", "09:00", "end", "17:00"));
        Response calendar = as("admin").post("/api/calendars", Map.of("name", "cal-" + queue, "timeZone",
                "Europe/Berlin", "hours", hours, "holidays", List.of(), "queues", List.of(queue)));
        assertThat(calendar.status()).as(calendar.raw()).isEqualTo(201);
        Map<String, Object> mailbox = new HashMap<>(Map.of("address", queue + "@desk.example", "url",
                "imap://u:p@localhost:1/INBOX", "queue", queue, "enabled", false));
        Response box = as("admin").post("/api/admin/mail/mailboxes", mailbox);
        assertThat(box.status()).as(box.raw()).isEqualTo(201);

        Response queues = as("admin").get("/api/admin/queues");

        assertThat(queues.status()).isEqualTo(200);
        var row = java.util.stream.StreamSupport.stream(queues.body().spliterator(), false)
                .filter(q -> q.path("id").asText().equals(queue)).findFirst().orElseThrow();
        assertThat(row.path("agents").asLong()).isEqualTo(1);
        assertThat(row.path("calendar").path("name").asText()).isEqualTo("cal-" + queue);
        assertThat(row.path("mailboxes").get(0).path("address").asText()).isEqualTo(queue + "@desk.example");
        assertThat(row.path("mailboxes").get(0).path("enabled").asBoolean()).isFalse();
        as("admin").delete("/api/admin/mail/mailboxes/" + box.json("/id").asLong() + "?version="
                + box.json("/version").asInt());
        as("admin").delete("/api/calendars/" + calendar.json("/id").asLong());
    }

    @Test
    void tenantsAreListedWithTheirOrganisationsAndUsers() {
        Response tenants = as("admin").get("/api/admin/tenants");
        assertThat(tenants.status()).isEqualTo(200);
        var acme = java.util.stream.StreamSupport.stream(tenants.body().spliterator(), false)
                .filter(t -> t.path("id").asText().equals("acme")).findFirst().orElseThrow();
        assertThat(acme.path("organisations").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(acme.path("users").asLong())
                .isEqualTo(identity.createUserQuery().memberOfTenant("acme").count()).isGreaterThanOrEqualTo(2);

        String id = unique("globex");
        Response created = as("admin").post("/api/admin/tenants", Map.of("id", id, "name", "Globex"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json("/users").asLong()).isZero();
        assertThat(as("admin").post("/api/admin/tenants", Map.of("id", id, "name", "Globex")).status())
                .isEqualTo(409);
        assertField(as("admin").post("/api/admin/tenants", Map.of("id", "a b", "name", "x")), 400, "id");
        assertThat(events("TENANT_CHANGED", "tenant:" + id)).containsExactly("created \"Globex\"");
        assertThat(as("admin").get("/api/admin/tokens").status()).isEqualTo(200);
    }

    private static void assertField(Response response, int status, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).contains("\"" + field + "\"");
    }
}
