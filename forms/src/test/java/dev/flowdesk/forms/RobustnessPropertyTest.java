package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and hostile input never escapes as anything but {@link FormDefinitionException} from parse, and validate
 * always answers with field errors. The generators favour Form.io's own vocabulary (types, validate, conditional,
 * JSONLogic operators) so that random definitions get past the first check and exercise the validator.
 *
 * <p>Each try is generated from its own seed ({@code SEED + try}), printed in the test's name, so a failure is
 * reproduced by running that one case again; the same seeds run on every build.
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

    private static final long SEED = 0x5EED_F0E3L;

    /** {@code tries} cases, each drawn by {@code draw} from a generator seeded with SEED + its index. */
    private static Stream<Arguments> tries(int tries, Function<Random, Object[]> draw) {
        return IntStream.range(0, tries).mapToObj(i -> {
            long seed = SEED + i;
            Object[] values = draw.apply(new Random(seed));
            Object[] arguments = new Object[values.length + 1];
            arguments[0] = seed;
            System.arraycopy(values, 0, arguments, 1, values.length);
            return Arguments.of(arguments);
        });
    }

    static Stream<Arguments> arbitraryJson() {
        return tries(300, random -> new Object[] {json(random)});
    }

    static Stream<Arguments> mutations() {
        return tries(300, random -> new Object[] {builtinKey(random), json(random), random.nextInt(10_001),
                json(random)});
    }

    static Stream<Arguments> submissions() {
        return tries(500, random -> new Object[] {builtinKey(random), submission(random)});
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("arbitraryJson")
    void parseOfArbitraryJsonThrowsOnlyDefinitionExceptions(long seed, JsonNode definition) {
        tryParseAndValidate(definition.toString(), definition);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("mutations")
    void parseOfMutatedBuiltinFormsThrowsOnlyDefinitionExceptions(long seed, String key, JsonNode replacement,
                                                                   int where, JsonNode data) {
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

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("submissions")
    void validateOfArbitraryDataAnswersWithFieldErrors(long seed, String key, JsonNode data) {
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

    private static String builtinKey(Random random) {
        List<String> keys = List.copyOf(new java.util.TreeSet<>(BuiltinForms.all().keySet()));
        return keys.get(random.nextInt(keys.size()));
    }

    private static JsonNode json(Random random) {
        return value(random, 4);
    }

    private static final List<String> SUBMISSION_KEYS = List.of("subject", "description", "impact", "urgency",
            "categoryHint", "resolution", "catalogueItem", "model", "costCentre", "software", "justification",
            "changeType", "risk", "implementer", "plannedStart", "decision", "comment", "rating", "submit", "x");
    private static final List<String> SUBMISSION_TEXTS = List.of("LOW", "MEDIUM", "HIGH", "new-laptop", "REJECT",
            "APPROVE", "3", "CC-1234", "2025-01-01T10:00:00Z", "normal", "low");

    /** A submission object whose keys are mostly the shipped forms' own keys, with arbitrary values. */
    private static JsonNode submission(Random random) {
        ObjectNode o = NODES.objectNode();
        int size = random.nextInt(13);
        for (int i = 0; i < size; i++) {
            String key = pick(random, SUBMISSION_KEYS);
            o.set(key, random.nextBoolean() ? value(random, 3) : NODES.textNode(pick(random, SUBMISSION_TEXTS)));
        }
        return o;
    }

    /** Leaves, arrays and objects at the weights 3 : 1 : 2, at most {@code depth} levels deep. */
    private static JsonNode value(Random random, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(6);
        if (kind < 3) {
            return leaf(random);
        }
        if (kind == 3) {
            ArrayNode a = NODES.arrayNode();
            int size = random.nextInt(5);
            for (int i = 0; i < size; i++) {
                a.add(value(random, depth - 1));
            }
            return a;
        }
        ObjectNode o = NODES.objectNode();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            o.set(pick(random, WORDS), value(random, depth - 1));
        }
        return o;
    }

    private static JsonNode leaf(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> {
                int edge = pick(random, List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE));
                yield NODES.numberNode(random.nextInt(4) == 0 ? edge : random.nextInt());
            }
            case 3 -> {
                double edge = pick(random, List.of(0.0, -0.0, 0.5, Double.MAX_VALUE, -Double.MAX_VALUE,
                        Double.MIN_VALUE));
                yield NODES.numberNode(random.nextInt(4) == 0 ? edge
                        : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 10));
            }
            case 4 -> NODES.textNode(text(random, random.nextInt(13)));
            default -> NODES.textNode(pick(random, WORDS));
        };
    }

    /** Any text: mostly printable ASCII, some other Unicode (accents, CJK, emoji, controls, lone surrogates). */
    private static String text(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0 -> text.appendCodePoint(random.nextInt(0x20));
                case 1 -> text.appendCodePoint(0xA0 + random.nextInt(0x2000));
                case 2 -> text.appendCodePoint(pick(random, List.of(0x4E2D, 0x1F600, 0xFEFF, 0x202E, 0xD800, 0xFFFF)));
                default -> text.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
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
