package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdesk.forms.FormDefinitionException.DefinitionProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * formio.js runs {@code {{ }}} and {@code {% %}} in any rendered string as JavaScript (issue 8, item 3): only plain
 * data paths pass, wherever in the definition the string sits, and the refusal names component and property.
 */
class TemplateCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBE = "{{ (function(){ document.title='XSS'; return 'i'; })() }}";

    private static String form(String components) {
        return "{\"display\":\"form\",\"components\":[" + components + "]}";
    }

    /** A text field whose {@code label} (or whatever {@code extra} sets) carries the text under test. */
    private static String textfield(String key, String extra) {
        return "{\"type\":\"textfield\",\"key\":\"" + key + "\",\"label\":\"L\",\"input\":true,\"tableView\":true"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static List<DefinitionProblem> problems(String json) {
        FormDefinitionException e = catchThrowableOfType(FormDefinitionException.class, () -> FormDefinition.parse(json));
        assertThat(e).as("expected the definition to be refused: %s", json).isNotNull();
        return e.problems();
    }

    private static DefinitionProblem onlyProblem(String json) {
        List<DefinitionProblem> problems = problems(json);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    @Test
    void theProbeFormIsRefusedNamingComponentAndProperty() {
        String probe = form("{\"type\":\"content\",\"key\":\"intro\",\"input\":false,\"html\":" + quoted("<p>" + PROBE + "</p>")
                + "},{\"type\":\"textfield\",\"key\":\"subject\",\"label\":\"Subject\",\"input\":true,"
                + "\"tooltip\":" + quoted(PROBE) + "}");

        List<DefinitionProblem> problems = problems(probe);

        assertThat(problems).extracting(DefinitionProblem::componentKey, DefinitionProblem::property)
                .containsExactly(tuple("intro", "html"), tuple("subject", "tooltip"));
        assertThat(problems.get(0).message()).startsWith("templates may only name a data path like {{ data.subject }}")
                .contains("never allows").contains("'{{ (function(){");
        assertThat(problems.get(0).toString()).startsWith("component 'intro' property 'html': templates may only");
    }

    @ParameterizedTest(name = "«{0}»")
    @ValueSource(strings = {
        "{{constructor.constructor('x')()}}",
        "{{ constructor.constructor }}",
        "{{ data['a'] + 1 }}",
        "{{ data[\"a\"] }}",
        "{{ a; b }}",
        "{{ x() }}",
        "{{ data.x() }}",
        "{{ data.x || alert(1) }}",
        "{{ data?.x }}",
        "{{ data.x + 1 }}",
        "{{ -data.x }}",
        "{{ data . x }}",
        "{{ data.x\u2003}}",
        "{{\u00a0data.x }}",
        "{{ \\u0064ata.x }}",
        "{{ data[0 ] }}",
        "{{ data[x] }}",
        "{{ data.}}",
        "{{ `${1}` }}",
        "{{ window.name }}",
        "{{ document.cookie }}",
        "{{ instance.root.element.ownerDocument.cookie }}",
        "{{ this }}",
        "{{ utils.x }}",
        "{{ _.template }}",
        "{{ token }}",
        "{{\nalert(1)\n}}",
        "{{{ alert(1) }}}",
        "{{{ data.x }}",
        "{{}}}",
        "{% print(1) %}",
        "{%%}",
        "{% } %}",
        "<b>{{ data.ok }}</b> {{ data.bad() }}",
        "{ctx.{ alert(1) }}",
        "{{ ctx.alert(1) }}",
        "{{ alert(1)",
        "unclosed {% print(1)",
        "{{}}",
        "<img src=x onerror=\"{{ data.x }}\">{{ ",
    })
    void templatesThatAreNotPlainDataPathsAreRefused(String text) {
        DefinitionProblem problem = onlyProblem(form(textfield("name", "\"description\":" + quoted(text))));

        assertThat(problem.componentKey()).isEqualTo("name");
        assertThat(problem.property()).isEqualTo("description");
        assertThat(problem.message()).containsAnyOf("templates may only name a data path", "{% %} blocks are JavaScript",
                "an unclosed {{ or {%");
    }

    @ParameterizedTest(name = "«{0}»")
    @ValueSource(strings = {
        "<span>{{ item.label }}</span>",
        "{{ data.subject }}",
        "{{data.subject}}",
        "{{ row.name }}",
        "{{ data.items[0].name }}",
        "{{ row.$id }}",
        "{{\n  data.subject\n}}",
        "{{{ data.subject }}}",
        "{{ field }} is required",
        "{{field}} must have at least {{length}} characters.",
        "{{ component.label }}",
        "{{ value }}",
        "Braces {a} and {b} and }} and % } are text",
        "<style>.x{color:red}</style>{\"json\":{\"a\":1}}",
        "{ {x} }",
        "",
    })
    void plainDataPathsAndOrdinaryTextAreAccepted(String text) {
        assertThat(FormDefinition.parse(form(textfield("name", "\"description\":" + quoted(text))))).isNotNull();
    }

    /** Every string counts, wherever formio keeps it: no list of property names to keep up to date. */
    @Test
    void templatesAreFoundInEveryPlaceFormioRenders() {
        String bad = quoted("{{ x() }}");
        String editgrid = "{\"type\":\"editgrid\",\"key\":\"items\",\"input\":true,\"components\":[],"
                + "\"templates\":{\"header\":\"<div>{{ row.x }}</div>\",\"row\":" + quoted("{% util.eachComponent(components, function(c) { %}x{% }) %}")
                + ",\"footer\":" + bad + "}}";
        String select = "{\"type\":\"select\",\"key\":\"choice\",\"input\":true,\"dataSrc\":\"values\","
                + "\"template\":" + quoted("<span>{{ item.label.toUpperCase() }}</span>") + ",\"data\":{\"values\":"
                + "[{\"label\":\"A\",\"value\":\"a\"},{\"label\":" + bad + ",\"value\":\"b\"}]}}";
        String panel = "{\"type\":\"panel\",\"key\":\"box\",\"title\":" + bad + ",\"input\":false,\"components\":["
                + "{\"type\":\"columns\",\"key\":\"cols\",\"input\":false,\"columns\":[{\"width\":6,\"components\":[]},"
                + "{\"width\":6,\"components\":[{\"type\":\"fieldset\",\"key\":\"set\",\"input\":false,\"components\":["
                + textfield("deep", "\"prefix\":" + bad) + "]}]}]}]}";
        String errors = textfield("mail", "\"errors\":{\"required\":" + bad + "},\"validate\":{\"required\":true,"
                + "\"customMessage\":" + quoted("{% print(1) %}") + "}");
        String logic = textfield("logical", "\"logic\":[{\"name\":\"l\",\"trigger\":{\"type\":\"simple\"},"
                + "\"actions\":[{\"name\":\"a\",\"type\":\"property\",\"property\":{\"label\":\"Label\","
                + "\"value\":\"label\",\"type\":\"string\"},\"text\":" + bad + "}]}]");
        String tabs = "{\"type\":\"tabs\",\"key\":\"tabs\",\"input\":false,\"components\":[{\"key\":\"first\","
                + "\"label\":" + bad + ",\"components\":[]}]}";
        String table = "{\"type\":\"table\",\"key\":\"grid\",\"input\":false,\"rows\":[[{\"components\":["
                + textfield("cell", "\"placeholder\":" + bad) + "]}]]}";
        String keyless = "{\"type\":\"content\",\"input\":false,\"html\":" + bad + "}";

        List<DefinitionProblem> problems = problems("{\"title\":" + bad + ",\"components\":[" + String.join(",",
                editgrid, select, panel, errors, logic, tabs, table, keyless) + "]}");

        assertThat(problems).extracting(p -> p.componentKey() + " " + p.property()).containsExactly(
                " title",
                "items templates.row",
                "items templates.footer",
                "choice template",
                "choice data.values[1].label",
                "box title",
                "deep prefix",
                "mail errors.required",
                "mail validate.customMessage",
                "logical logic[0].actions[0].text",
                "first label",
                "cell placeholder",
                " components[7].html");
    }

    @Test
    void theEngineReportsAKeylessComponentByItsPlaceInTheTree() {
        String nested = "{\"type\":\"panel\",\"input\":false,\"components\":[{\"type\":\"content\",\"input\":false,"
                + "\"html\":\"{{ x() }}\"}]}";

        DefinitionProblem problem = onlyProblem(form(textfield("a", "") + "," + nested));

        assertThat(problem.componentKey()).isEmpty();
        assertThat(problem.property()).isEqualTo("components[1].components[0].html");
    }

    @Test
    @Timeout(120) // a quadratic scan of a million braces takes hours; linear work fits even on a loaded CI machine
    void aMillionOpenBracesAreScannedInLinearTime() {
        for (String hostile : new String[] {"{{{".repeat(1_000_000), "{{ data.x }".repeat(300_000),
                "{{{ data.x }}".repeat(300_000), "{%".repeat(1_000_000), "{ctx.".repeat(500_000)}) {
            ObjectNode component = JSON.createObjectNode().put("type", "textfield").put("key", "t").put("input", true)
                    .put("label", hostile);
            ObjectNode root = JSON.createObjectNode();
            root.putArray("components").add(component);

            FormDefinitionException e = catchThrowableOfType(FormDefinitionException.class,
                    () -> FormDefinition.parse(root.toString()));

            assertThat(e).isNotNull();
            assertThat(e.problems()).singleElement().extracting(DefinitionProblem::property).isEqualTo("label");
        }
    }
}
