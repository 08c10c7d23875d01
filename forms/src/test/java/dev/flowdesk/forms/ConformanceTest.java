package dev.flowdesk.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.forms.ValidationResult.FieldError;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The conformance suite: each fixture in {@code src/test/resources/conformance} is a form as the formio.js builder
 * saves it plus named submissions, most with hand-written expected errors. Given a submission, when our validator
 * runs, then its errors equal the hand-written ones and, when the build ran the fixtures through
 * {@code @formio/core} (see {@code src/test/node}), its errors and cleaned data equal formio's too. The node script
 * also derives random submissions from each fixture (seeded, so the same everywhere) and records formio's answers;
 * those are replayed here as a differential test.
 */
class ConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> fixtures() throws IOException, URISyntaxException {
        JsonNode formio = formioResults();
        Path folder = Path.of(ConformanceTest.class.getResource("/conformance").toURI());
        List<DynamicNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                nodes.add(fixture(file, formio));
            }
        }
        return nodes.stream();
    }

    private DynamicContainer fixture(Path file, JsonNode formio) throws IOException {
        String name = file.getFileName().toString();
        JsonNode fixture = JSON.readTree(file.toFile());
        JsonNode formJson = fixture.has("formResource")
                ? JSON.readTree(BuiltinForms.all().get(fixture.get("formResource").asText()))
                : fixture.get("form");
        FormioFormDefinition form = DefinitionParser.parse(formJson.toString());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode submission : fixture.get("submissions")) {
            String case_ = submission.get("name").asText();
            JsonNode data = submission.get("data");
            if (submission.has("errors")) {
                tests.add(DynamicTest.dynamicTest(case_ + " (hand-written)", () -> {
                    List<FieldError> expected = new ArrayList<>();
                    submission.get("errors").forEach(e -> expected.add(new FieldError(e.get(0).asText(),
                            e.get(1).asText())));
                    assertThat(form.validate(data).errors()).containsExactlyElementsOf(expected);
                }));
            }
            JsonNode reference = formio == null ? null : formio.path(name).get(case_);
            if (formio != null) {
                tests.add(DynamicTest.dynamicTest(case_ + " (@formio/core)", () -> {
                    if (reference == null) {
                        fail("no @formio/core result for " + name + " / " + case_ + "; rerun the conformance script");
                    }
                    SubmissionProcessor processor = new SubmissionProcessor(form.forSubmission(), data);
                    ValidationResult ours = processor.run();
                    assertThat(ours.errors()).as("errors").containsExactlyElementsOf(errors(reference));
                    assertThat(JSON.readTree(processor.filteredData().toString())).as("cleaned data")
                            .isEqualTo(reference.get("data"));
                }));
            }
        }
        if (formio != null && formio.has(name)) {
            formio.get(name).fields().forEachRemaining(entry -> {
                JsonNode reference = entry.getValue();
                if (!reference.has("input")) {
                    return;
                }
                tests.add(DynamicTest.dynamicTest(entry.getKey() + " " + reference.get("input"), () -> {
                    SubmissionProcessor processor =
                            new SubmissionProcessor(form.forSubmission(), reference.get("input"));
                    ValidationResult ours = processor.run();
                    if (reference.has("crash")) {
                        // formio has no answer here; ours must still be one made of field errors
                        assertThat(ours.errors()).isNotEmpty();
                        return;
                    }
                    assertThat(ours.errors()).as("errors").containsExactlyElementsOf(errors(reference));
                    assertThat(JSON.readTree(processor.filteredData().toString())).as("cleaned data")
                            .isEqualTo(reference.get("data"));
                }));
            });
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private static List<FieldError> errors(JsonNode reference) {
        List<FieldError> expected = new ArrayList<>();
        reference.get("errors").forEach(e -> expected.add(new FieldError(e.get("path").asText(),
                e.get("message").asText())));
        return expected;
    }

    /** @formio/core's verdicts, written by src/test/node/conformance.js during generate-test-resources. */
    private static JsonNode formioResults() throws IOException {
        if (Boolean.getBoolean("formio.conformance.skip")) {
            return null;
        }
        String location = System.getProperty("formio.conformance.results", "target/formio-conformance/results.json");
        Path results = Path.of(location);
        if (!Files.exists(results)) {
            fail("missing " + results.toAbsolutePath() + ": build with Maven (it runs @formio/core via "
                    + "src/test/node/conformance.js) or pass -Dformio.conformance.skip=true");
        }
        try (InputStream in = Files.newInputStream(results)) {
            return JSON.readTree(in);
        }
    }
}
