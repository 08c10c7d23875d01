package dev.flowdesk.operations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.EmbeddedPostgres;
import dev.flowdesk.FlowdeskApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup and restore of docs/operations.md, done as an operator would: {@code pg_dump -Fc} of a running
 * Flowdesk's database, {@code pg_restore} into a new database, a new Flowdesk started on it. The restored desk has the
 * ticket, its attachment (bytes and access rules), the agent's claim, the SLA timer, and the process goes on from
 * where it stood.
 */
class BackupRestoreIT {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @Test
    void aRestoredDumpBringsBackTicketsAttachmentsAndRunningProcesses(@TempDir Path dir) throws Exception {
        String sourceUrl = EmbeddedPostgres.newDatabase();
        long ticket;
        String number;
        String attachment;
        String task;
        String processInstance;
        Path dump = dir.resolve("flowdesk.dump");
        try (ConfigurableApplicationContext desk = start(sourceUrl)) {
            int port = port(desk);
            ApiClient alice = ApiClient.as(port, "alice", "demo");
            ApiClient bob = ApiClient.as(port, "bob", "demo");
            attachment = alice.postFile("/api/attachments", "file", "screen.png", PNG).json("/id").asText();
            Response submitted = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                    "subject", "Outlook keeps asking for my password", "description", "Since the update",
                    "impact", "MEDIUM", "urgency", "MEDIUM", "attachments", List.of(Map.of("storage", "url",
                            "name", "screen.png", "originalName", "screen.png", "size", PNG.length,
                            "type", "image/png", "url", "/api/attachments/" + attachment,
                            "data", Map.of("id", attachment))))));
            assertThat(submitted.status()).as(submitted.raw()).isEqualTo(201);
            ticket = submitted.json("/ticketId").asLong();
            number = submitted.json("/number").asText();
            processInstance = submitted.json("/processInstanceId").asText();
            task = taskOf(bob, ticket).get("id").asText();
            assertThat(bob.post("/api/tasks/" + task + "/claim", Map.of()).status()).isEqualTo(200);

            // a hot backup: the desk keeps running while pg_dump takes its consistent snapshot
            run(tool("pg_dump"), "--format=custom", "--no-owner", "--file=" + dump, "--dbname=" + libpq(sourceUrl));
        }
        assertThat(Files.size(dump)).isGreaterThan(0);

        String restoredUrl = EmbeddedPostgres.newDatabase();
        run(tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname=" + libpq(restoredUrl), dump.toString());

        try (ConfigurableApplicationContext desk = start(restoredUrl)) {
            int port = port(desk);
            ApiClient alice = ApiClient.as(port, "alice", "demo");
            ApiClient bob = ApiClient.as(port, "bob", "demo");
            JsonNode restored = bob.get("/api/tickets/" + ticket).body();
            assertThat(restored.get("number").asText()).isEqualTo(number);
            assertThat(restored.get("subject").asText()).isEqualTo("Outlook keeps asking for my password");
            assertThat(restored.at("/currentActivities/0/id").asText()).isEqualTo("Task_ResolveIncident");

            // the attachment: same bytes, same access rules
            assertThat(alice.download("/api/attachments/" + attachment).body()).isEqualTo(PNG);
            assertThat(bob.download("/api/attachments/" + attachment).body()).isEqualTo(PNG);
            assertThat(ApiClient.as(port, "frank", "demo").download("/api/attachments/" + attachment).status())
                    .isEqualTo(404);

            // the running process: bob's claim, the SLA timer, and the next step happens
            JsonNode mine = taskOf(bob, ticket);
            assertThat(mine.get("id").asText()).isEqualTo(task);
            assertThat(mine.get("assignee").asText()).isEqualTo("bob");
            JdbcTemplate jdbc = desk.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM act_ru_job WHERE process_instance_id_ = ?"
                    + " AND handler_cfg_ LIKE 'Timer_ResolutionDue%'", Integer.class, processInstance)).isEqualTo(1);
            Response completed = bob.post("/api/tasks/" + task + "/complete",
                    Map.of("data", Map.of("resolution", "Reset the cached credentials.")));
            assertThat(completed.status()).as(completed.raw()).isEqualTo(204);
            assertThat(bob.get("/api/tickets/" + ticket).json("/status").asText()).isEqualTo("RESOLVED");
            assertThat(alice.get("/api/tickets/" + ticket).json("/currentActivities/0/id").asText())
                    .isEqualTo("Task_AwaitConfirmation");

            // and new tickets get new numbers after the restored ones (the sequences came back too)
            Response next = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                    "subject", "Printer offline", "description", "Third floor", "impact", "LOW", "urgency", "LOW")));
            assertThat(next.status()).as(next.raw()).isEqualTo(201);
            assertThat(next.json("/number").asText()).isGreaterThan(number);
        }
    }

    private static ConfigurableApplicationContext start(String url) {
        return new SpringApplicationBuilder(FlowdeskApplication.class).run("--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                "--flowdesk.demo.enabled=true", "--server.port=0", "--spring.main.banner-mode=off");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static JsonNode taskOf(ApiClient agent, long ticket) {
        for (JsonNode task : agent.get("/api/tasks?size=200").body().get("items")) {
            if (task.at("/ticket/id").asLong() == ticket) {
                return task;
            }
        }
        throw new AssertionError("no task of ticket " + ticket + " in the inbox");
    }

    /** The libpq connection string of a JDBC URL of the embedded server. */
    private static String libpq(String jdbcUrl) {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)").matcher(jdbcUrl);
        assertThat(m.find()).as(jdbcUrl).isTrue();
        return "host=" + m.group(1) + " port=" + m.group(2) + " dbname=" + m.group(3) + " user=postgres"
                + " password=postgres";
    }

    /**
     * PostgreSQL's client tools (Debian: postgresql-client, installed by .ci/run): the newest on the machine, which
     * can dump and restore the older embedded server. PG_BIN overrides.
     */
    private static String tool(String name) {
        List<Path> candidates = new ArrayList<>();
        String override = System.getenv("PG_BIN");
        if (override != null) {
            candidates.add(Path.of(override, name));
        }
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            dirs.sorted(java.util.Comparator.comparing((Path p) -> Integer.parseInt(p.getFileName().toString()))
                    .reversed()).forEach(d -> candidates.add(d.resolve("bin").resolve(name)));
        } catch (IOException | NumberFormatException ignored) {
            // no Debian layout: PATH below
        }
        candidates.add(Path.of("/usr/bin", name));
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new AssertionError(name + " is missing: install PostgreSQL's client tools"
                        + " (Debian: apt-get install postgresql-client; .ci/run does) or set PG_BIN"));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(command[0] + ":\n" + output).isZero();
    }
}
