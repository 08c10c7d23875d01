package dev.flowdesk.forms;

import dev.flowdesk.forms.FormDefinitionException.DefinitionProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FormDefinitionParseTest {

    private static String form(String components) {
        return "{\"display\":\"form\",\"components\":[" + components + "]}";
    }

    private static String textfield(String key, String extra) {
        return "{\"label\":\"" + key + "\",\"tableView\":true,\"key\":\"" + key + "\",\"type\":\"textfield\","
                + "\"input\":true" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static DefinitionProblem onlyProblem(String json) {
        FormDefinitionException e = catchThrowableOfType(FormDefinitionException.class, () -> FormDefinition.parse(json));
        assertThat(e).as("expected the definition to be refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void malformedJsonIsRefusedWithWhereItBroke() {
        DefinitionProblem problem = onlyProblem("{\"components\": [");

        assertThat(problem.componentKey()).isEmpty();
        assertThat(problem.message()).startsWith("the definition is not valid JSON").contains("line 1");
    }

    @Test
    void definitionsThatAreNotObjectsAreRefused() {
        assertThat(onlyProblem("[1,2]").message()).contains("JSON object");
        assertThat(onlyProblem("null").message()).contains("JSON object");
        assertThat(onlyProblem("").message()).contains("empty");
        assertThat(onlyProblem("{\"components\":{}}").property()).isEqualTo("components");
        assertThatThrownBy(() -> FormDefinition.parse(null)).isInstanceOf(FormDefinitionException.class);
    }

    @Test
    void unknownComponentTypeNamesKeyAndType() {
        DefinitionProblem problem = onlyProblem(form("{\"type\":\"address\",\"key\":\"home\",\"input\":true}"));

        assertThat(problem.componentKey()).isEqualTo("home");
        assertThat(problem.property()).isEqualTo("type");
        assertThat(problem.message()).contains("'address'");
    }

    @Test
    void unknownTypeDeepInsideLayoutsIsFound() {
        String nested = "{\"type\":\"panel\",\"key\":\"p\",\"input\":false,\"components\":[{\"type\":\"columns\","
                + "\"key\":\"c\",\"columns\":[{\"components\":[{\"type\":\"datamap\",\"key\":\"map\"}]}]}]}";

        assertThat(onlyProblem(form(nested)).componentKey()).isEqualTo("map");
    }

    @Test
    void inputWithoutKeyIsRefused() {
        assertThat(onlyProblem(form("{\"type\":\"textfield\",\"input\":true}")).property()).isEqualTo("key");
    }

    @ParameterizedTest(name = "{1} is refused")
    @CsvSource(delimiter = '|', value = {
        "\"calculateValue\":\"value = data.a * 2\"|calculateValue",
        "\"calculateValue\":{\"*\":[{\"var\":\"data.a\"},2]}|calculateValue",
        "\"customConditional\":\"show = data.a === 'x'\"|customConditional",
        "\"customDefaultValue\":\"value = moment().format()\"|customDefaultValue",
        "\"validate\":{\"custom\":\"valid = input.length > 3\"}|validate.custom",
        "\"validate\":{\"customPrivate\":true}|validate.customPrivate",
        "\"logic\":[{\"name\":\"l\",\"trigger\":{\"type\":\"javascript\",\"javascript\":\"result = true\"},\"actions\":[]}]|logic[0].trigger",
        "\"logic\":[{\"name\":\"l\",\"trigger\":{\"type\":\"simple\"},\"actions\":[{\"type\":\"customAction\",\"customAction\":\"x()\"}]}]|logic[0].actions[0]",
        "\"logic\":[{\"name\":\"l\",\"trigger\":{\"type\":\"simple\"},\"actions\":[{\"type\":\"value\",\"value\":\"value = 1\"}]}]|logic[0].actions[0]",
        "\"customOnChange\":\"doSomething()\"|customOnChange",
    })
    void javaScriptIsRefusedWithKeyAndProperty(String property, String expectedProperty) {
        DefinitionProblem problem = onlyProblem(form(textfield("amount", property)));

        assertThat(problem.componentKey()).isEqualTo("amount");
        assertThat(problem.property()).isEqualTo(expectedProperty);
        assertThat(problem.message()).containsAnyOf("as JSONLogic instead", "not supported on the server");
        assertThat(problem.toString()).startsWith("component 'amount' property '" + expectedProperty + "'");
    }

    @Test
    void dateLimitsThatFormioWouldEvaluateAsJavaScriptAreRefused() {
        String datetime = "{\"type\":\"datetime\",\"key\":\"d\",\"input\":true,\"widget\":{\"type\":\"calendar\","
                + "\"minDate\":\"moment().subtract(1, 'day')\",\"maxDate\":\"2024-12-31\"}}";
        String day = "{\"type\":\"day\",\"key\":\"v\",\"input\":true,\"minDate\":null,\"maxDate\":\"today\"}";
        String fixed = "{\"type\":\"datetime\",\"key\":\"f\",\"input\":true,\"widget\":{\"minDate\":\"2024-01-10T08:00:00+02:00\","
                + "\"maxDate\":\"\"}},{\"type\":\"day\",\"key\":\"g\",\"input\":true,\"minDate\":\"2024-01-10\"}";

        assertThat(onlyProblem(form(datetime)).property()).isEqualTo("widget.minDate");
        assertThat(onlyProblem(form(day)).property()).isEqualTo("maxDate");
        assertThat(FormDefinition.parse(form(fixed))).isNotNull();
    }

    @Test
    void customDataSourceAndCustomButtonAreRefused() {
        String select = "{\"type\":\"select\",\"key\":\"s\",\"input\":true,\"dataSrc\":\"custom\","
                + "\"data\":{\"custom\":\"values = fetchThings()\"}}";
        String button = "{\"type\":\"button\",\"key\":\"b\",\"input\":true,\"action\":\"custom\",\"custom\":\"alert(1)\"}";

        assertThat(onlyProblem(form(select)).property()).isEqualTo("data.custom");
        assertThat(onlyProblem(form(button)).property()).isEqualTo("custom");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        FormDefinitionException e = catchThrowableOfType(FormDefinitionException.class, () -> FormDefinition.parse(form(
                textfield("a", "\"calculateValue\":\"value = 1\"") + ","
                        + textfield("b", "\"customConditional\":\"show = false\"") + ","
                        + "{\"type\":\"survey\",\"key\":\"c\"}")));

        assertThat(e.problems()).extracting(DefinitionProblem::componentKey).containsExactly("a", "b", "c");
    }

    @Test
    void builderDefaultsAndJsonLogicAreAccepted() {
        String builderDefaults = textfield("name", "\"customClass\":\"wide\",\"calculateValue\":\"\","
                + "\"customConditional\":\"\",\"customDefaultValue\":\"\",\"redrawOn\":\"other\","
                + "\"validate\":{\"required\":true,\"custom\":\"\",\"customPrivate\":false,"
                + "\"customMessage\":\"Name please\",\"json\":{\"!!\":[{\"var\":\"input\"}]}},"
                + "\"conditional\":{\"show\":null,\"when\":null,\"eq\":\"\",\"json\":{\"==\":[1,1]}},"
                + "\"logic\":[{\"name\":\"l\",\"trigger\":{\"type\":\"json\",\"json\":{\"==\":[1,1]}},"
                + "\"actions\":[{\"name\":\"a\",\"type\":\"property\",\"property\":{\"label\":\"Hidden\","
                + "\"value\":\"hidden\",\"type\":\"boolean\"},\"state\":true}]}]");

        FormDefinition parsed = FormDefinition.parse(form(builderDefaults));

        assertThat(parsed.inputKeys()).containsExactly("name");
        assertThat(parsed.json().path("components").get(0).path("customClass").asText()).isEqualTo("wide");
    }

    @Test
    void inputKeysFollowDataPathsAndSkipLayoutAndGridCells() {
        FormDefinition parsed = FormDefinition.parse(form(
                "{\"type\":\"panel\",\"key\":\"p\",\"input\":false,\"components\":[" + textfield("a", "") + "]},"
                        + "{\"type\":\"container\",\"key\":\"c\",\"input\":true,\"components\":[" + textfield("b", "")
                        + "]},{\"type\":\"datagrid\",\"key\":\"g\",\"input\":true,\"components\":[" + textfield("x", "")
                        + "]},{\"type\":\"htmlelement\",\"key\":\"h\",\"input\":false,\"content\":\"hi\"}"));

        assertThat(parsed.inputKeys()).containsExactly("a", "c.b", "g");
    }

    @Test
    void ticketFieldInsideGridIsRefused() {
        DefinitionProblem problem = onlyProblem(form("{\"type\":\"datagrid\",\"key\":\"g\",\"input\":true,"
                + "\"components\":[" + textfield("x", "\"properties\":{\"ticketField\":\"subject\"}") + "]}"));

        assertThat(problem.property()).isEqualTo("properties.ticketField");
    }

    @Test
    void formLevelPropertiesAreStrings() {
        FormDefinition parsed = FormDefinition.parse("{\"title\":\"T\",\"properties\":{\"ticketType\":\"CHANGE\","
                + "\"weight\":3,\"flag\":true,\"nested\":{\"a\":1}},\"components\":[]}");

        assertThat(parsed.title()).isEqualTo("T");
        assertThat(parsed.properties()).containsExactly(java.util.Map.entry("ticketType", "CHANGE"),
                java.util.Map.entry("weight", "3"), java.util.Map.entry("flag", "true"));
    }
}
