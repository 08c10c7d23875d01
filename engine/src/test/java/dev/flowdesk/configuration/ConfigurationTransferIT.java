package dev.flowdesk.configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.EmbeddedPostgres;
import dev.flowdesk.FlowdeskApplication;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A configuration moves from one installation to another as one archive: exported from a source installation,
 * dry-run and imported into a second installation, each on a fresh PostgreSQL database, where it then exports the
 * same artefacts byte for byte; an archive with one broken entry changes nothing there and names the entry; hostile
 * archives are refused. The source is an installation of its own, not the engine tests' shared database: other tests
 * deploy models there past the linter on purpose (probes), which an import rightly refuses.
 */
class ConfigurationTransferIT extends PostgresEngineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.List<ConfigurableApplicationContext> installations = new java.util.ArrayList<>();

    @AfterAll
    static void stopTarget() {
        installations.forEach(ConfigurableApplicationContext::close);
        installations.clear();
    }

    @Test
    void anExportImportedIntoAFreshInstallationGivesTheSameConfiguration() throws Exception {
        // given: dora changed a form and a mail template on the source installation, and exports
        ApiClient dora = ApiClient.as(startInstallation("transfer-source"), "dora", "demo");
        String key = "transfer-" + Long.toString(System.nanoTime(), 36);
        assertThat(dora.put("/api/forms/" + key + "?comment=for%20production", "{\"display\":\"form\",\"title\":"
                + "\"Transfer\",\"components\":[{\"type\":\"textfield\",\"key\":\"what\",\"label\":\"What\","
                + "\"input\":true}]}").status()).isEqualTo(200);
        Map<String, byte[]> source = unzip(export(dora));
        JsonNode manifest = JSON.readTree(source.get("manifest.json"));
        assertThat(source.keySet()).anyMatch(p -> p.startsWith("bpmn/")).anyMatch(p -> p.startsWith("rules/"))
                .anyMatch(p -> p.startsWith("templates/")).contains("forms/" + key + ".json");
        for (JsonNode item : manifest.get("entries")) {
            assertThat(sha256(source.get(item.get("path").asText()))).as(item.get("path").asText())
                    .isEqualTo(item.get("sha256").asText());
        }
        assertThat(manifest.get("entries")).hasSize(source.size() - 1);

        // when: the archive is dry-run against this installation, nothing differs
        Response here = dora.postFile("/api/config/import?dryRun=true", "file", "c.zip", zip(source));
        assertThat(here.status()).isEqualTo(200);
        for (JsonNode entry : here.json("/entries")) {
            assertThat(entry.get("status").asText()).as(entry.get("path").asText()).isEqualTo("UNCHANGED");
        }

        // and: on a fresh installation the dry run reports the new form and changes nothing
        ApiClient doraThere = ApiClient.as(startInstallation("transfer-target"), "dora", "demo");
        Map<String, String> before = hashes(unzip(export(doraThere)));
        Response dryRun = doraThere.postFile("/api/config/import?dryRun=true", "file", "c.zip", zip(source));
        assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(200);
        assertThat(status(dryRun, "forms/" + key + ".json")).isEqualTo("NEW");
        assertThat(dryRun.json("/applied").asBoolean()).isFalse();
        assertThat(doraThere.get("/api/forms/" + key + "/versions").status()).isEqualTo(404);
        assertThat(hashes(unzip(export(doraThere)))).isEqualTo(before);

        // then: the real import makes the target export exactly what the source exported
        Response imported = doraThere.postFile("/api/config/import?dryRun=false", "file", "c.zip", zip(source));
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        assertThat(imported.json("/applied").asBoolean()).isTrue();
        assertThat(hashes(unzip(export(doraThere)))).isEqualTo(hashes(source));
        assertThat(doraThere.get("/api/forms/" + key + "/versions").json("/0/comment").asText())
                .startsWith("imported from a configuration exported");

        // and: an archive with one broken entry (a form with JavaScript, its hash made to match) changes nothing
        Map<String, byte[]> broken = new LinkedHashMap<>(source);
        String brokenForm = "{\"display\":\"form\",\"components\":[{\"type\":\"textfield\",\"key\":\"what\","
                + "\"label\":\"What\",\"input\":true,\"calculateValue\":\"value = 1\"}]}";
        String templatePath = source.keySet().stream().filter(p -> p.startsWith("templates/")).findFirst()
                .orElseThrow();
        String changedTemplate = new String(source.get(templatePath), StandardCharsets.UTF_8) + "\nP.S. imported\n";
        replace(broken, "forms/" + key + ".json", brokenForm);
        replace(broken, templatePath, changedTemplate);
        Map<String, String> beforeBroken = hashes(unzip(export(doraThere)));

        Response refused = doraThere.postFile("/api/config/import?dryRun=false", "file", "c.zip", zip(broken));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json("/errors/0/path").asText()).isEqualTo("forms/" + key + ".json");
        assertThat(refused.json("/errors/0/message").asText()).contains("calculateValue");
        assertThat(hashes(unzip(export(doraThere)))).isEqualTo(beforeBroken);
        Response brokenDryRun = doraThere.postFile("/api/config/import", "file", "c.zip", zip(broken));
        assertThat(status(brokenDryRun, "forms/" + key + ".json")).isEqualTo("INVALID");
        assertThat(status(brokenDryRun, templatePath)).isEqualTo("CHANGED");
    }

    @Test
    void hostileArchivesAreRefusedNamingTheEntry() throws Exception {
        var dora = as("dora");
        Map<String, byte[]> archive = unzip(export(dora));

        Map<String, byte[]> traversal = new LinkedHashMap<>(archive);
        traversal.put("bpmn/../../etc/evil.bpmn", "x".getBytes(StandardCharsets.UTF_8));
        Response climbing = dora.postFile("/api/config/import", "file", "c.zip", zip(traversal));
        assertThat(climbing.status()).isEqualTo(400);
        assertThat(climbing.json("/errors/0/path").asText()).isEqualTo("bpmn/../../etc/evil.bpmn");

        Map<String, byte[]> bomb = new LinkedHashMap<>(archive);
        bomb.put("forms/bomb.json", new byte[6 * 1024 * 1024]);
        byte[] bombZip = zip(bomb);
        assertThat(bombZip.length).isLessThan(2 * 1024 * 1024);
        Response inflating = dora.postFile("/api/config/import", "file", "c.zip", bombZip);
        assertThat(inflating.status()).isEqualTo(400);
        assertThat(inflating.json("/errors/0/path").asText()).isEqualTo("forms/bomb.json");
        assertThat(inflating.json("/errors/0/message").asText()).contains("inflates to more than");

        Map<String, byte[]> unlisted = new LinkedHashMap<>(archive);
        unlisted.put("forms/smuggled.json", "{}".getBytes(StandardCharsets.UTF_8));
        Response smuggled = dora.postFile("/api/config/import", "file", "c.zip", zip(unlisted));
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(smuggled.json("/errors/0/path").asText()).isEqualTo("forms/smuggled.json");

        Map<String, byte[]> tampered = new LinkedHashMap<>(archive);
        String rules = archive.keySet().stream().filter(p -> p.startsWith("rules/")).findFirst().orElseThrow();
        tampered.put(rules, "rule \"x\" when then end".getBytes(StandardCharsets.UTF_8));
        Response hashMismatch = dora.postFile("/api/config/import?dryRun=false", "file", "c.zip", zip(tampered));
        assertThat(hashMismatch.status()).isEqualTo(400);
        assertThat(hashMismatch.json("/errors/0/path").asText()).isEqualTo(rules);
        assertThat(hashMismatch.json("/errors/0/message").asText()).contains("SHA-256");

        Response notZip = dora.postFile("/api/config/import", "file", "c.zip", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(notZip.status()).isEqualTo(400);
        assertThat(as("bob").download("/api/config/export").status()).isEqualTo(403);
        assertThat(as("bob").postFile("/api/config/import", "file", "c.zip", zip(archive)).status()).isEqualTo(403);
    }

    private static String status(Response report, String path) {
        for (JsonNode entry : report.json("/entries")) {
            if (entry.get("path").asText().equals(path)) {
                return entry.get("status").asText();
            }
        }
        throw new AssertionError(path + " is not in the report " + report.raw());
    }

    private static void replace(Map<String, byte[]> archive, String path, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        archive.put(path, bytes);
        ObjectNode manifest = (ObjectNode) JSON.readTree(archive.get("manifest.json"));
        for (JsonNode item : manifest.get("entries")) {
            if (item.get("path").asText().equals(path)) {
                ((ObjectNode) item).put("sha256", sha256(bytes));
            }
        }
        archive.put("manifest.json", JSON.writeValueAsBytes(manifest));
    }

    private static byte[] export(ApiClient client) {
        ApiClient.Download download = client.download("/api/config/export");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/zip");
        return download.body();
    }

    /** Path to SHA-256 of every artefact (the manifest differs by export time and versions). */
    private static Map<String, String> hashes(Map<String, byte[]> archive) {
        Map<String, String> hashes = new TreeMap<>();
        archive.forEach((path, bytes) -> {
            if (!path.equals("manifest.json")) {
                hashes.put(path, sha256(bytes));
            }
        });
        return hashes;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Another installation: the whole application on a fresh database of the shared PostgreSQL server. Its Quartz
     * scheduler has a name of its own: Quartz registers a scheduler's data source JVM-wide by that name, and a
     * second "flowdesk" would take over the engine tests' scheduler's connections and leave it with a closed pool.
     */
    private static int startInstallation(String name) {
        ConfigurableApplicationContext target = new SpringApplicationBuilder(FlowdeskApplication.class).run(
                "--spring.datasource.url=" + EmbeddedPostgres.newDatabase(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.hikari.connection-timeout=10000",
                "--flowdesk.demo.enabled=true",
                "--server.port=0",
                // Camunda's web apps keep static state per JVM; two in one JVM would share it.
                "--camunda.bpm.webapp.enabled=false",
                "--spring.quartz.properties.org.quartz.scheduler.instanceName=" + name,
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name);
        installations.add(target);
        return ((ServletWebServerApplicationContext) target).getWebServer().getPort();
    }
}
