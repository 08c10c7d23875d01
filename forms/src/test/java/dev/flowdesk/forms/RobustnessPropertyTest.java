package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile input never escapes as anything but {@link FormDefinitionException} from parse, and validate
 * always answers with field errors. The generators favour Form.io's own vocabulary (types, validate, conditional,
 * JSONLogic operators) so that random definitions get past the first check and exercise the validator.
 */
class RobustnessPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> WORDS = List.of("type", "key", "input", "components", "columns", "rows",
            "validate", "required", "minLength", "maxLength", "minWords", "pattern", "min", "max", "conditional",
            "show", "when", "eq", "json", "conjunction", "conditions", "operator", "component", "value", "values",
            "data", "dataSrc", "multiple", "hidden", "clearOnHide", "defaultValue", "label", "onlyAvailableItems",
            "textfield", "number", "select", "radio", "selectboxes", "panel", "columns", "datagrid", "editgrid",
            "container", "day", "datetime", "time", "email", "url", "tags", "checkbox", "var", "if", "and", "or",
            "==", "!", "in", "cat", "+", "missing", "isEqual", "a", "b", "grid", "", "REJECT", "1", "true");

    @Property(tries = 300)
    void parseOfArbitraryJsonThrowsOnlyDefinitionExceptions(@ForAll("json") JsonNode definition) {
        tryParseAndValidate(definition.toString(), definition);
    }

    @Property(tries = 300)
    void parseOfMutatedBuiltinFormsThrowsOnlyDefinitionExceptions(@ForAll("builtinKeys") String key,
                                                                   @ForAll("json") JsonNode replacement,
                                                                   @ForAll("indexes") int where,
                                                                   @ForAll("json") JsonNode data) {
        JsonNode form = read(BuiltinForms.all().get(key));
        List<JsonNode> containers = new ArrayList<>();
        collect(form, containers);
        JsonNode target = containers.get(where % containers.size());
        if (target instanceof ObjectNode object) {
            object.set(WORDS.get(where % WORDS.size()), replacement);
        } else if (target instanceof ArrayNode array) {
            array.insert(where % (array.size() + 1), replacement);
        }
        tryParseAndValidate(form.toString(), data);
    }

    @Property(tries = 500)
    void validateOfArbitraryDataAnswersWithFieldErrors(@ForAll("builtinKeys") String key,
                                                      @ForAll("submission") JsonNode data) {
        FormDefinition form = FormDefinition.parse(BuiltinForms.all().get(key));

        ValidationResult result = form.validate(data);

        assertThat(result.errors()).allSatisfy(e -> {
            assertThat(e.path()).isNotNull();
            assertThat(e.message()).isNotBlank();
        });
        assertThat(result.errors()).noneMatch(e -> e.message().equals("The submission could not be validated."));
    }

    private static void tryParseAndValidate(String text, JsonNode data) {
        FormDefinition form;
        try {
            form = FormDefinition.parse(text);
        } catch (FormDefinitionException expected) {
            assertThat(expected.problems()).isNotEmpty();
            return;
        }
        ValidationResult result = form.validate(data);
        assertThat(result).isNotNull();
        assertThat(result.errors()).noneMatch(e -> e.message().equals("The submission could not be validated."));
    }

    @Provide
    Arbitrary<String> builtinKeys() {
        return Arbitraries.of(List.copyOf(BuiltinForms.all().keySet()));
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, 10_000);
    }

    @Provide
    Arbitrary<JsonNode> json() {
        return value(4);
    }

    /** A submission object whose keys are mostly the shipped forms' own keys, with arbitrary values. */
    @Provide
    Arbitrary<JsonNode> submission() {
        Arbitrary<String> keys = Arbitraries.of("subject", "description", "impact", "urgency", "categoryHint",
                "resolution", "catalogueItem", "model", "costCentre", "software", "justification", "changeType",
                "risk", "implementer", "plannedStart", "decision", "comment", "rating", "submit", "x");
        Arbitrary<JsonNode> values = Arbitraries.oneOf(value(3), Arbitraries.of("LOW", "MEDIUM", "HIGH",
                "new-laptop", "REJECT", "APPROVE", "3", "CC-1234", "2025-01-01T10:00:00Z", "normal", "low")
                .map(NODES::textNode));
        return Arbitraries.maps(keys, values).ofMaxSize(12).map(map -> {
            ObjectNode o = NODES.objectNode();
            map.forEach(o::set);
            return o;
        });
    }

    private Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.strings().ofMaxLength(12).map(NODES::textNode),
                Arbitraries.of(WORDS).map(NODES::textNode));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> array = value(depth - 1).list().ofMaxSize(4).map(list -> {
            ArrayNode a = NODES.arrayNode();
            list.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.of(WORDS), value(depth - 1)).ofMaxSize(5)
                .map((Map<String, JsonNode> map) -> {
                    ObjectNode o = NODES.objectNode();
                    map.forEach(o::set);
                    return o;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(1, array), Tuple.of(2, object));
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
