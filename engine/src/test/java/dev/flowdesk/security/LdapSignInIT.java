package dev.flowdesk.security;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 part 1: directory users sign in with their directory password against a real LDAP server, get the
 * Flowdesk groups and roles their directory groups map to, become Camunda users (so tasks' candidate groups work)
 * and get a contact; local accounts keep working beside them and cannot be taken over.
 */
class LdapSignInIT extends DirectoryServers {

    private static final Map<String, Object> INCIDENT = Map.of("data", Map.of("subject", "Directory printer jam",
            "description", "jammed", "impact", "LOW", "urgency", "LOW"));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;

    @Test
    void aDirectoryUserSignsInWithMappedGroupsAndRolesAndSeesHerTickets() {
        ApiClient erin = ApiClient.as(port, "erin", "erin-secret");

        Response me = erin.get("/api/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json("/id").asText()).isEqualTo("erin");
        assertThat(me.json("/name").asText()).isEqualTo("Erin Directory");
        assertThat(me.json("/email").asText()).isEqualTo("erin@corp.example.com");
        assertThat(me.json("/groups").toString()).isEqualTo("[\"service-desk\"]");
        assertThat(me.json("/roles").toString()).isEqualTo("[\"AGENT\",\"USER\"]");
        // an ordinary Camunda user now: candidate groups of tasks reach her through this membership
        assertThat(identity.createUserQuery().memberOfGroup("service-desk").userId("erin").count()).isOne();
        assertThat(identity.checkPassword("erin", "erin-secret")).isFalse();

        long ticket = erin.post("/api/forms/report-incident/submissions", INCIDENT).json("/ticketId").asLong();
        assertThat(erin.get("/api/tickets?view=mine").raw()).contains("\"id\":" + ticket);
        assertThat(erin.get("/api/tickets/" + ticket).status()).isEqualTo(200);
    }

    @Test
    void aWrongDirectoryPasswordAnswers401() {
        Response wrong = ApiClient.as(port, "gwen", "not-her-password").get("/api/me");
        Response unknown = ApiClient.as(port, "nobody", "gwen-secret").get("/api/me");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(ApiClient.as(port, "gwen", "").get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void theFirstDirectorySignInCreatesTheContactOrLinksAnExistingOne() {
        // gwen wrote by mail before: her contact exists, without a user
        jdbc.update("insert into contact (name, vip, version, created_at, updated_at)"
                + " values ('G. from mail', false, 0, current_timestamp, current_timestamp)");
        long contact = jdbc.queryForObject("select max(id) from contact", Long.class);
        jdbc.update("insert into contact_email (email, contact_id) values ('gwen@corp.example.com', ?)", contact);

        assertThat(ApiClient.as(port, "gwen", "gwen-secret").get("/api/me").status()).isEqualTo(200);

        assertThat(jdbc.queryForObject("select user_id from contact where id = ?", String.class, contact))
                .isEqualTo("gwen");
        ApiClient.as(port, "erin", "erin-secret").get("/api/me");
        assertThat(jdbc.queryForObject("select c.user_id from contact c join contact_email e on e.contact_id = c.id"
                + " where e.email = 'erin@corp.example.com'", String.class)).isEqualTo("erin");
    }

    @Test
    void aDirectoryEntryCannotTakeOverALocalAccountOfTheSameId() {
        Response directoryBob = ApiClient.as(port, "bob", "directory-bob").get("/api/me");

        assertThat(directoryBob.status()).isEqualTo(401);
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("bob").count()).isZero();
        // (signing bob in over HTTP right now would meet Camunda's login delay after the failed local check)
        assertThat(identity.createUserQuery().userId("bob").singleResult().getEmail()).isEqualTo("bob@example.com");
        assertThat(identity.getUserInfo("bob", ExternalAccounts.SOURCE)).isNull();
    }

    @Test
    void aChangedDirectoryMembershipChangesGroupsAtTheNextSignInAndLeavesOtherGroupsAlone() throws Exception {
        DIRECTORY.modify("cn=field,ou=groups," + BASE, new Modification(ModificationType.ADD, "member",
                "uid=gwen,ou=people," + BASE));
        ApiClient gwen = ApiClient.as(port, "gwen", "gwen-secret");
        assertThat(gwen.get("/api/me").json("/groups").toString()).isEqualTo("[\"field-service\",\"network\"]");
        // an administrator adds her to an unmanaged group by hand
        identity.createMembership("gwen", "service-approvers");

        DIRECTORY.modify("cn=field,ou=groups," + BASE, new Modification(ModificationType.DELETE, "member",
                "uid=gwen,ou=people," + BASE));
        Response me = gwen.get("/api/me");

        assertThat(me.json("/groups").toString()).isEqualTo("[\"service-approvers\"]");
        assertThat(me.json("/roles").toString()).isEqualTo("[\"APPROVER\",\"USER\"]");
        // the security audit has both changes
        assertThat(jdbc.queryForList("select detail from security_event where kind = 'ROLE_CHANGED'"
                + " and subject = 'gwen' and actor = 'ldap' order by id", String.class))
                .containsExactlyInAnyOrder("joined field-service", "joined network", "left field-service",
                        "left network");
    }
}
