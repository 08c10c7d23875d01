package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdesk.forms.ValidationResult.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Given deliberately nasty definitions and submissions, parse refuses cleanly and validate answers at all. The
 * timeout only catches a hang (a catastrophic regular expression, a loop); it is not a speed check, so it leaves room
 * for a loaded CI machine (20 s was exceeded at load 19 by a 10 MB string's ordinary work).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEN_MB = "x".repeat(10 * 1024 * 1024);

    private static String form(String components) {
        return "{\"display\":\"form\",\"components\":[" + components + "]}";
    }

    @Test
    void tenThousandLevelsOfJsonNestingAreRefused() {
        String deep = "{\"components\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThatThrownBy(() -> FormDefinition.parse(deep)).isInstanceOf(FormDefinitionException.class);
    }

    @Test
    void componentNestingBeyondTheCapIsRefused() {
        String panels = "{\"type\":\"panel\",\"key\":\"p\",\"input\":false,\"components\":[".repeat(60)
                + "]}".repeat(60);

        assertThatThrownBy(() -> FormDefinition.parse(form(panels)))
                .isInstanceOf(FormDefinitionException.class).hasMessageContaining("nested deeper");
    }

    @Test
    void tenMegabyteStringsInDefinitionsAndSubmissionsAreHandled() {
        FormDefinition form = FormDefinition.parse(form("{\"type\":\"textfield\",\"key\":\"t\",\"input\":true,"
                + "\"label\":\"" + TEN_MB + "\",\"validate\":{\"maxLength\":10,\"pattern\":\"(a+)+b\","
                + "\"minWords\":2,\"maxWords\":3}},"
                + "{\"type\":\"email\",\"key\":\"e\",\"label\":\"E\",\"input\":true},"
                + "{\"type\":\"url\",\"key\":\"u\",\"label\":\"U\",\"input\":true}"));
        ObjectNode data = JSON.createObjectNode().put("t", TEN_MB).put("e", TEN_MB).put("u", TEN_MB);

        ValidationResult result = form.validate(data);

        assertThat(result.errors()).extracting(FieldError::path).contains("t", "e", "u");
    }

    @Test
    void catastrophicPatternsDoNotHang() {
        FormDefinition form = FormDefinition.parse(form("{\"type\":\"textfield\",\"key\":\"t\",\"label\":\"T\","
                + "\"input\":true,\"validate\":{\"pattern\":\"(a|aa)+$|(a+)+c\"}}"));

        ValidationResult result = form.validate(JSON.createObjectNode().put("t", "a".repeat(5_000) + "!"));

        assertThat(result).isNotNull();
    }

    @Test
    void deeplyNestedSubmissionDataIsHarmless() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode cur = root.putObject("c");
        for (int i = 0; i < 10_000; i++) {
            cur = cur.putObject("c");
        }
        FormDefinition form = FormDefinition.parse(form("{\"type\":\"container\",\"key\":\"c\",\"input\":true,"
                + "\"components\":[{\"type\":\"textfield\",\"key\":\"c\",\"label\":\"C\",\"input\":true,"
                + "\"validate\":{\"required\":true}}]},{\"type\":\"selectboxes\",\"key\":\"s\",\"input\":true,"
                + "\"validate\":{\"required\":true}}"));
        root.set("s", root.get("c"));

        ValidationResult result = form.validate(root);

        assertThat(result).isNotNull();
    }

    @Test
    void wrongShapesEverywhereYieldFieldErrorsNotExceptions() throws Exception {
        for (String key : BuiltinForms.all().keySet()) {
            FormDefinition form = FormDefinition.parse(BuiltinForms.all().get(key));
            for (String data : new String[] {"null", "[]", "\"text\"", "42", "{\"subject\":[[[]]],\"impact\":{}}",
                    "{\"decision\":null,\"rating\":{\"a\":[1]},\"catalogueItem\":[\"new-laptop\"]}"}) {
                JsonNode node = JSON.readTree(data);
                assertThat(form.validate(node)).as(key + " with " + data).isNotNull();
            }
            // no data at all is judged as an empty submission: never valid where an empty one is not (the
            // asset-type forms have no required field, so both are valid there)
            assertThat(form.validate(null).valid()).as(key).isEqualTo(form.validate(JSON.createObjectNode()).valid());
        }
        assertThat(FormDefinition.parse(BuiltinForms.all().get("report-incident")).validate(null).valid()).isFalse();
    }

    @Test
    void nullsInDefinitionsAreTolerated() {
        FormDefinition form = FormDefinition.parse("{\"title\":null,\"properties\":null,\"components\":["
                + "{\"type\":\"textfield\",\"key\":\"t\",\"input\":null,\"label\":null,\"validate\":null,"
                + "\"conditional\":null,\"multiple\":null,\"defaultValue\":null},"
                + "{\"type\":\"select\",\"key\":\"s\",\"input\":true,\"data\":null,\"validate\":{\"onlyAvailableItems\":true}},"
                + "{\"type\":\"columns\",\"key\":\"c\",\"columns\":null},{\"type\":\"panel\",\"key\":\"p\",\"components\":null}]}");

        assertThat(form.title()).isEmpty();
        assertThat(form.validate(JSON.createObjectNode().put("t", "x").put("s", "y"))).isNotNull();
    }
}
