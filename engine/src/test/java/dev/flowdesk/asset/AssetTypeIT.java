package dev.flowdesk.asset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asset types over HTTP on PostgreSQL: a designer defines a type with a Form.io form of her own (no Java), agents'
 * assets of that type are validated on the server against the form (a missing required field, a field the form does
 * not have, an unknown type: 400 naming it), types are versioned (409 when stale) and only designers change them.
 */
class AssetTypeIT extends PostgresEngineTest {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    ApiClient dora;
    ApiClient bob;
    String run;

    @BeforeEach
    void setUp() {
        dora = as("dora");
        bob = as("bob");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDesignerDefinesATypeWithAFormAndAssetsOfItAreValidatedAgainstIt() {
        // given: dora's form with a required IMEI and an optional number, and a type "phone" that names it
        String form = "asset-phone-" + run;
        Response saved = dora.put("/api/forms/" + form, """
                {"display":"form","title":"Phone fields","components":[
                 {"type":"textfield","key":"imei","label":"IMEI","input":true,
                  "validate":{"required":true,"pattern":"[0-9]{15}"}},
                 {"type":"number","key":"simSlots","label":"SIM slots","input":true},
                 {"type":"button","key":"submit","label":"Save","input":true}]}""");
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);
        String phone = "phone-" + run;
        Response created = dora.post("/api/asset-types", Map.of("key", phone, "name", "Phone", "formKey", form));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("version").asLong()).isZero();

        // when / then: a phone without its IMEI is refused naming the field
        Response missing = bob.post("/api/assets", asset(phone, "Phone of ann", Map.of("simSlots", 2)));
        assertThat(missing.status()).as(missing.raw()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(paths(missing)).containsExactly("fields.imei");
        // a malformed value and a field the form does not have are refused too, each named
        assertThat(paths(bob.post("/api/assets", asset(phone, "x", Map.of("imei", "12")))))
                .containsExactly("fields.imei");
        assertThat(paths(bob.post("/api/assets", asset(phone, "x", Map.of("imei", "356938035643809",
                "colour", "red"))))).containsExactly("fields.colour");
        // an unknown type is 400 at type
        assertThat(paths(bob.post("/api/assets", asset("teleporter-" + run, "x", Map.of()))))
                .containsExactly("type");

        // a good phone keeps its typed values (the number as a number), and its type shows the form to render
        Response good = bob.post("/api/assets", asset(phone, "Phone of ann", Map.of("imei", "356938035643809",
                "simSlots", 2)));
        assertThat(good.status()).as(good.raw()).isEqualTo(201);
        assertThat(good.body().at("/fields/imei").asText()).isEqualTo("356938035643809");
        assertThat(good.body().at("/fields/simSlots").isNumber()).isTrue();
        assertThat(good.body().at("/fields/submit").isMissingNode()).as("a button is no value").isTrue();
        assertThat(bob.get("/api/asset-types/" + phone).body().get("formKey").asText()).isEqualTo(form);
        // changing the asset is checked the same way
        long id = good.body().get("id").asLong();
        Map<String, Object> change = asset(phone, "Phone of ann", Map.of("simSlots", 1));
        change.put("version", 0);
        assertThat(paths(put(bob, "/api/assets/" + id, change))).containsExactly("fields.imei");
    }

    @Test
    void shippedTypesHaveFormsAndTheImportChecksEachRowAgainstItsType() {
        // given: the shipped types, each with its form in the catalogue
        JsonNode types = as("alice").get("/api/asset-types").body();
        List<String> keys = StreamSupport.stream(types.spliterator(), false).map(t -> t.get("key").asText()).toList();
        assertThat(keys).contains("laptop", "monitor", "printer", "server", "application", "service", "licence",
                "contract");
        types.forEach(t -> {
            if (keys.indexOf(t.get("key").asText()) >= 0 && t.get("formKey").asText().startsWith("asset-")) {
                assertThat(bob.get("/api/forms/" + t.get("formKey").asText()).status()).isEqualTo(200);
            }
        });
        // when: an import with a good row, an unknown type and a column the laptop form does not have
        String csv = "serial,type,name,model,colour\r\n"
                + "IT-" + run + "-1,laptop,Good,T14,\r\n"
                + "IT-" + run + "-2,hovercraft,Odd,,\r\n"
                + "IT-" + run + "-3,laptop,Painted,T14,red\r\n";
        Response imported = bob.postRaw("/api/assets/import", "text/csv", csv);

        // then: each bad row says why, naming the field
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        JsonNode report = imported.body();
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.at("/rejected/0/reason").asText()).startsWith("type:");
        assertThat(report.at("/rejected/1/reason").asText()).startsWith("fields.colour:");
        // a value too long for the shipped laptop form's model is refused at fields.model
        assertThat(paths(bob.post("/api/assets", asset("laptop", "Long", Map.of("model", "m".repeat(201))))))
                .containsExactly("fields.model");
    }

    @Test
    void onlyDesignersChangeTypesWithTheVersionTheyRead() {
        String key = "kiosk-" + run;
        Map<String, Object> body = new HashMap<>(Map.of("key", key, "name", "Kiosk", "formKey", "asset-server"));
        assertThat(bob.post("/api/asset-types", body).status()).isEqualTo(403);
        assertThat(dora.post("/api/asset-types", body).status()).isEqualTo(201);
        assertThat(dora.post("/api/asset-types", body).status()).as("the key is taken").isEqualTo(409);
        // every wrong field at once
        Response bad = dora.post("/api/asset-types", Map.of("key", "Kiosk!", "name", "", "formKey", "no-such-form"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(paths(bad)).containsExactlyInAnyOrder("key", "name", "formKey");

        // a change needs the version read; a stale one is 409, a body naming another key 400
        Response noVersion = put(dora, "/api/asset-types/" + key, Map.of("name", "Kiosk",
                "formKey", "asset-laptop"));
        assertThat(paths(noVersion)).containsExactly("version");
        Response changed = put(dora, "/api/asset-types/" + key, Map.of("name", "Info kiosk", "formKey",
                "asset-laptop", "version", 0));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().get("version").asLong()).isEqualTo(1);
        assertThat(changed.body().get("formKey").asText()).isEqualTo("asset-laptop");
        assertThat(put(dora, "/api/asset-types/" + key, Map.of("name", "Kiosk", "formKey", "asset-laptop",
                "version", 0)).status()).isEqualTo(409);
        assertThat(paths(put(dora, "/api/asset-types/" + key, Map.of("key", "other", "name", "Kiosk",
                "formKey", "asset-laptop", "version", 1)))).containsExactly("key");
        assertThat(put(bob, "/api/asset-types/" + key, Map.of("name", "x", "formKey", "asset-laptop",
                "version", 1)).status()).isEqualTo(403);
        assertThat(bob.get("/api/asset-types/nothing-" + run).status()).isEqualTo(404);
    }

    private static Response put(ApiClient client, String path, Map<String, Object> body) {
        try {
            return client.put(path, JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> asset(String type, String name, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("name", name);
        body.put("fields", fields);
        return body;
    }

    private static List<String> paths(Response r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(400);
        return StreamSupport.stream(r.body().get("errors").spliterator(), false)
                .map(e -> e.get("path").asText()).toList();
    }
}
