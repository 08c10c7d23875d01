package dev.flowdesk.rules.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.flowdesk.rules.RuleSetCompiler;

/**
 * The JSON form of a rule table (what the engine stores and the browser edits), and the shipped rule sets as tables:
 * {@code shipped/<name>.table.json} next to the shipped DRL, which they decide exactly like
 * ({@code ShippedTablesEquivalenceTest}).
 */
public final class TableJson {

    private static final String SHIPPED_LOCATION = "/dev/flowdesk/rules/shipped/";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private TableJson() {
    }

    /** Reads a table document; a document that is not one says where it broke. */
    public static RuleTable read(String json) throws TableValidationException {
        try {
            return MAPPER.readValue(json, RuleTable.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new TableValidationException(java.util.List.of(new TableProblem("", 0, null, "table",
                    "the table is not valid JSON of a rule table" + where + ": " + e.getOriginalMessage())));
        }
    }

    public static String write(RuleTable table) {
        try {
            return MAPPER.writeValueAsString(table);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a rule table always serializes", e);
        }
    }

    /** The shipped rule sets as tables, by name, in evaluation order. */
    public static Map<String, RuleTable> shipped() {
        Map<String, RuleTable> tables = new LinkedHashMap<>();
        for (String name : RuleSetCompiler.SHIPPED_RULE_SETS) {
            String path = SHIPPED_LOCATION + name + ".table.json";
            try (InputStream in = TableJson.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("shipped table missing from the class path: " + path);
                }
                tables.put(name, MAPPER.readValue(in, RuleTable.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        return tables;
    }
}
