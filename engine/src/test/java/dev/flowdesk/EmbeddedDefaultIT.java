package dev.flowdesk;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default: an H2 file database that survives a restart, the demo profile that seeds users, and a
 * production start without any administrator that refuses to run.
 */
class EmbeddedDefaultIT {

    /**
     * Camunda's web apps keep static state per JVM; a context that fails to start on purpose here would leave it
     * pointing at a dead context and break the next application started in this test JVM.
     */
    private static final String NO_WEBAPPS = "--camunda.bpm.webapp.enabled=false";

    @TempDir
    Path dir;

    @Test
    void ticketsSurviveARestartOfTheH2FileDatabase() {
        String url = "jdbc:h2:file:" + dir.resolve("flowdesk") + ";AUTO_SERVER=FALSE";
        long id;
        try (ConfigurableApplicationContext app = start(url, "demo")) {
            CurrentUser bob = new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
                    Set.of(Role.USER, Role.AGENT), null);
            id = app.getBean(TicketService.class).open(new NewTicket("INCIDENT", "PHONE", "Survives restarts",
                    "", "bob", "LOW", "LOW", null, Map.of(), null), bob).ticketId();
        }
        try (ConfigurableApplicationContext app = start(url, "demo")) {
            CurrentUser admin = new CurrentUser("admin", "Admin", null, List.of("camunda-admin"),
                    Set.of(Role.USER, Role.ADMIN), null);
            var ticket = app.getBean(TicketQueries.class).get(id, admin);
            assertThat(ticket.subject()).isEqualTo("Survives restarts");
            assertThat(ticket.status()).isEqualTo("OPEN");
            assertThat(ticket.currentActivities()).isNotEmpty();
            // the reports' SQL (time differences are database-specific) runs on H2 too
            var report = app.getBean(dev.flowdesk.ticket.TicketReports.class).overview(null, null, null, admin);
            assertThat(report.totals().created()).isPositive()
                    .isEqualTo(report.byType().stream().mapToLong(c -> c.count()).sum());
            assertThat(report.backlog().total()).isPositive();
            assertThat(report.byChannel()).extracting(c -> c.key()).contains("PHONE");
            // and the report roll-up's: built on H2, it answers what the tickets answered
            var rollup = app.getBean(dev.flowdesk.ticket.ReportRollup.class);
            rollup.requestRebuild();
            assertThat(rollup.refresh().built()).isTrue();
            var rolled = app.getBean(dev.flowdesk.ticket.TicketReports.class).overview(null, null, null, admin);
            assertThat(rolled.totals()).isEqualTo(report.totals());
            assertThat(List.of(rolled.sla(), rolled.byCategory(), rolled.byChannel(), rolled.byType(), rolled.byDay()))
                    .isEqualTo(List.of(report.sla(), report.byCategory(), report.byChannel(), report.byType(),
                            report.byDay()));
            // the search's SQL (stems, SLA levels, custom fields) is database-specific too
            TicketQueries queries = app.getBean(TicketQueries.class);
            var found = queries.list(admin, dev.flowdesk.ticket.TicketFilter.from(Map.of("q", "restarting",
                    "sla", "GREEN,YELLOW,RED,BREACHED", "field.room", "B12", "sort", "relevance")), null, 0, 20);
            assertThat(found.items()).isEmpty();
            found = queries.list(admin, dev.flowdesk.ticket.TicketFilter.from(Map.of("q", "restarting",
                    "sla", "GREEN,YELLOW,RED,BREACHED", "channel", "PHONE")), "relevance", 0, 20);
            assertThat(found.items()).extracting(t -> t.id()).containsExactly(id);
            assertThat(queries.list(admin, dev.flowdesk.ticket.TicketFilter.from(Map.of("q", ticket.number())),
                    "-due", 0, 20).items()).extracting(t -> t.id()).containsExactly(id);
            // the SLA level job's SQL too: a year later the ticket is past due and its breach is announced once
            var watch = app.getBean(dev.flowdesk.ticket.SlaLevelWatch.class);
            java.time.Instant later = java.time.Instant.now().plus(java.time.Duration.ofDays(365));
            assertThat(watch.announceDue(later)).isPositive();
            assertThat(queries.list(admin, dev.flowdesk.ticket.TicketFilter.from(Map.of("q", ticket.number(),
                    "sla", "GREEN")), null, 0, 20).items()).extracting(t -> t.id()).containsExactly(id);
            assertThat(app.getBean(dev.flowdesk.ticket.AuditTrail.class).recordedFor(id))
                    .filteredOn(e -> e.type().equals("SLA_LEVEL_CHANGED")).hasSize(1);
        }
    }

    @Test
    void productionStartWithoutAdministratorFailsWithAClearMessage() {
        String url = "jdbc:h2:file:" + dir.resolve("prod") + ";AUTO_SERVER=FALSE";
        assertThatThrownBy(() -> start(url, "default").close())
                .hasStackTraceContaining("No Flowdesk administrator is configured")
                .hasStackTraceContaining("FLOWDESK_ADMIN_USER");
    }

    @Test
    void productionStartCreatesTheConfiguredAdministratorOnly() {
        String url = "jdbc:h2:file:" + dir.resolve("prod2") + ";AUTO_SERVER=FALSE";
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlowdeskApplication.class)
                .run("--spring.datasource.url=" + url, "--server.port=0", NO_WEBAPPS,
                        "--flowdesk.security.bootstrap-admin.id=ops",
                        "--flowdesk.security.bootstrap-admin.password=A-long-secret-1")) {
            var identity = app.getBean(org.camunda.bpm.engine.IdentityService.class);
            assertThat(identity.checkPassword("ops", "A-long-secret-1")).isTrue();
            assertThat(identity.createUserQuery().list()).extracting("id").containsExactly("ops");
        }
    }

    @Test
    void aWeakBootstrapPasswordIsRefusedByThePolicy() {
        String url = "jdbc:h2:file:" + dir.resolve("prod3") + ";AUTO_SERVER=FALSE";
        assertThatThrownBy(() -> new SpringApplicationBuilder(FlowdeskApplication.class)
                .run("--spring.datasource.url=" + url, "--server.port=0", NO_WEBAPPS,
                        "--flowdesk.security.bootstrap-admin.id=ops",
                        "--flowdesk.security.bootstrap-admin.password=alllowercaseletters").close())
                .hasStackTraceContaining("does not meet the password policy");
    }

    private static ConfigurableApplicationContext start(String url, String profile) {
        // Command-line arguments, because application.yml's datasource default outranks builder properties.
        return new SpringApplicationBuilder(FlowdeskApplication.class).profiles(profile)
                .run("--spring.datasource.url=" + url, "--server.port=0", NO_WEBAPPS);
    }
}
