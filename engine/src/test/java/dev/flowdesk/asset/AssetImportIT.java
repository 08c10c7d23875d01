package dev.flowdesk.asset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV import over HTTP on PostgreSQL: 1,000 assets with 10 bad rows report exactly those 10 (each with its reason),
 * a dry run keeps nothing, and running the file again changes nothing.
 */
class AssetImportIT extends PostgresEngineTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thousandAssetsWithTenBadRowsRejectExactlyThoseAndARerunChangesNothing() {
        // given: 1,000 rows, ten of them bad in ten different ways (line numbers count the header as line 1)
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("serial,type,name,status,ownerId,warrantyEnd,critical,organisationId,model\r\n");
        Map<Integer, String> bad = new HashMap<>();
        bad.put(11, ",laptop,No serial,IN_USE,alice,,,,T14");
        bad.put(102, run + "-0005,laptop,Duplicate,IN_USE,alice,,,,T14");
        bad.put(203, run + "-B3,laptop,Lost one,LOST,alice,,,,T14");
        bad.put(304, run + "-B4,laptop,German date,IN_USE,alice,31.12.2027,,,T14");
        bad.put(405, run + "-B5,Laptop X!,Bad type,IN_USE,alice,,,,T14");
        bad.put(506, run + "-B6,laptop,,IN_USE,alice,,,,T14");
        bad.put(607, run + "-B7,laptop,Bad org,IN_USE,alice,,,abc,T14");
        bad.put(708, run + "-B8,laptop,Unknown org,IN_USE,alice,,,987654321,T14");
        bad.put(809, run + "-B9,laptop,Maybe critical,IN_USE,alice,,maybe,,T14");
        bad.put(910, run + "-B10,laptop,Too many,IN_USE,alice,,,,T14,extra");
        for (int line = 2; line <= 1001; line++) {
            if (bad.containsKey(line)) {
                csv.append(bad.get(line)).append("\r\n");
            } else {
                csv.append(String.format("%s-%04d,laptop,\"Laptop %d, floor %d\",IN_USE,alice,2027-%02d-15,%s,,T%d\r\n",
                        run, line, line, line % 7, 1 + line % 12, line % 50 == 0, 14 + line % 3));
            }
        }

        // when: a dry run
        JsonNode dry = importCsv(csv.toString(), true);
        // then: the full report, and nothing kept
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("rows").asInt()).isEqualTo(1000);
        assertThat(dry.get("created").asInt()).isEqualTo(990);
        assertThat(rejectedLines(dry)).containsExactlyInAnyOrderElementsOf(bad.keySet());
        assertThat(assetsOfRun(run)).isZero();

        // when: the real import
        JsonNode real = importCsv(csv.toString(), false);
        assertThat(real.get("created").asInt()).isEqualTo(990);
        assertThat(real.get("updated").asInt()).isZero();
        assertThat(rejectedLines(real)).containsExactlyInAnyOrderElementsOf(bad.keySet());
        assertThat(reasonOf(real, 102)).contains("already in line");
        assertThat(reasonOf(real, 203)).startsWith("status:");
        assertThat(reasonOf(real, 304)).startsWith("warrantyEnd:");
        assertThat(reasonOf(real, 708)).contains("no organisation 987654321");
        assertThat(reasonOf(real, 910)).contains("more values than the header");
        assertThat(assetsOfRun(run)).isEqualTo(990);
        JsonNode quoted = as("bob").get("/api/assets?q=" + run + "-0012").body();
        assertThat(quoted.at("/items/0/name").asText()).isEqualTo("Laptop 12, floor 5");
        assertThat(quoted.at("/items/0/fields/model").asText()).isEqualTo("T14");
        long history = jdbc.queryForObject("SELECT count(*) FROM asset_history h JOIN asset a ON a.id = h.asset_id"
                + " WHERE a.serial LIKE ?", Long.class, run + "-%");

        // when: the same file again
        JsonNode again = importCsv(csv.toString(), false);
        // then: nothing changes
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(990);
        assertThat(rejectedLines(again)).containsExactlyInAnyOrderElementsOf(bad.keySet());
        assertThat(assetsOfRun(run)).isEqualTo(990);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM asset_history h JOIN asset a ON a.id = h.asset_id"
                + " WHERE a.serial LIKE ?", Long.class, run + "-%")).isEqualTo(history);

        // and one changed cell updates exactly that asset
        JsonNode changed = importCsv(csv.toString().replace("Laptop 12, floor 5\",IN_USE", "Laptop 12, floor 5\",IN_REPAIR"),
                false);
        assertThat(changed.get("updated").asInt()).isEqualTo(1);
        assertThat(changed.get("unchanged").asInt()).isEqualTo(989);
    }

    @Test
    void onlyAgentsImportAndAFileWithoutSerialColumnIsRefused() {
        assertThat(as("alice").postRaw("/api/assets/import", "text/csv", "serial,type,name\nX,laptop,Y\n").status())
                .isEqualTo(403);
        Response noKey = as("bob").postRaw("/api/assets/import", "text/csv", "type,name\nlaptop,Y\n");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.contentType()).startsWith("application/problem+json");
    }

    private JsonNode importCsv(String csv, boolean dryRun) {
        Response r = as("bob").postRaw("/api/assets/import?dryRun=" + dryRun, "text/csv", csv);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.body();
    }

    private long assetsOfRun(String run) {
        return jdbc.queryForObject("SELECT count(*) FROM asset WHERE serial LIKE ?", Long.class, run + "-%");
    }

    private static List<Integer> rejectedLines(JsonNode report) {
        return StreamSupport.stream(report.get("rejected").spliterator(), false).map(r -> r.get("line").asInt())
                .toList();
    }

    private static String reasonOf(JsonNode report, int line) {
        return StreamSupport.stream(report.get("rejected").spliterator(), false)
                .filter(r -> r.get("line").asInt() == line).findFirst().orElseThrow().get("reason").asText();
    }
}
