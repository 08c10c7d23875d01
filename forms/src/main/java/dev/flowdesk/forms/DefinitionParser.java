package dev.flowdesk.forms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdesk.forms.FormDefinitionException.DefinitionProblem;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns definition JSON into a {@link FormioFormDefinition}, refusing what we cannot honour faithfully: unknown
 * component types, malformed structure, and JavaScript (which formio.js would run in the browser and on its server,
 * but which we never execute), including code in the templates of any string ({@link TemplateCheck}). All problems
 * are collected so a designer sees them at once.
 */
final class DefinitionParser {

    /** Builder forms nest a handful of levels; the cap keeps hostile definitions from exhausting the stack. */
    static final int MAX_COMPONENT_DEPTH = 48;
    static final int MAX_JSON_DEPTH = 200;
    static final int MAX_COMPONENTS = 10_000;
    static final int MAX_PROBLEMS = 100;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_JSON_DEPTH)
                            .maxStringLength(50_000_000)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final String USE_JSONLOGIC = "runs JavaScript, which Flowdesk never executes; express the logic "
            + "as JSONLogic instead (conditional.json for visibility, validate.json for validation)";

    /** Properties whose name starts with "custom" but which hold plain text, not code. */
    private static final Set<String> CUSTOM_TEXT_PROPERTIES = Set.of("customClass", "customMessage", "customOptions");

    private final List<DefinitionProblem> problems = new ArrayList<>();
    private final Map<String, String> ticketFields = new LinkedHashMap<>();
    private final List<String> inputKeys = new ArrayList<>();
    private int componentCount;

    static FormioFormDefinition parse(String json) {
        if (json == null) {
            throw single("", "", "the definition is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw single("", "", "the definition is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (RuntimeException | StackOverflowError e) {
            throw single("", "", "the definition is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw single("", "", "the definition is empty");
        }
        return parse(root);
    }

    static FormioFormDefinition parse(JsonNode root) {
        if (!root.isObject()) {
            throw single("", "", "a form definition must be a JSON object with a \"components\" array");
        }
        DefinitionParser parser = new DefinitionParser();
        List<Component> components = parser.components("", root.get("components"), "", "components", 0, false);
        Map<String, String> properties = parser.formProperties(root.get("properties"));
        TemplateCheck.check(root, parser::problem);
        if (!parser.problems.isEmpty()) {
            throw new FormDefinitionException(parser.problems);
        }
        JsonNode title = root.get("title");
        return new FormioFormDefinition((ObjectNode) root, title != null && title.isTextual() ? title.textValue() : "",
                properties, parser.ticketFields, parser.inputKeys, components);
    }

    private static FormDefinitionException single(String key, String property, String message) {
        return new FormDefinitionException(List.of(new DefinitionProblem(key, property, message)));
    }

    private void problem(String key, String property, String message) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(new DefinitionProblem(key == null ? "" : key, property, message));
        }
    }

    private Map<String, String> formProperties(JsonNode properties) {
        Map<String, String> result = new LinkedHashMap<>();
        if (properties == null || properties.isNull()) {
            return result;
        }
        if (!properties.isObject()) {
            problem("", "properties", "form properties must be an object of strings");
            return result;
        }
        properties.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                result.put(e.getKey(), v.asText());
            }
        });
        return result;
    }

    private List<Component> components(String ownerKey, JsonNode array, String prefix, String property, int depth,
                                       boolean inGrid) {
        List<Component> result = new ArrayList<>();
        if (array == null || array.isNull()) {
            return result;
        }
        if (!array.isArray()) {
            problem(ownerKey, property, "expected an array of components");
            return result;
        }
        for (JsonNode node : array) {
            Component c = component(node, prefix, depth, inGrid);
            if (c != null) {
                result.add(c);
            }
        }
        return result;
    }

    private Component component(JsonNode node, String prefix, int depth, boolean inGrid) {
        if (depth >= MAX_COMPONENT_DEPTH) {
            problem("", "components", "components are nested deeper than " + MAX_COMPONENT_DEPTH + " levels");
            return null;
        }
        if (++componentCount > MAX_COMPONENTS) {
            if (componentCount == MAX_COMPONENTS + 1) {
                problem("", "components", "the form has more than " + MAX_COMPONENTS + " components");
            }
            return null;
        }
        if (node == null || !node.isObject()) {
            problem("", "components", "every component must be a JSON object");
            return null;
        }
        ObjectNode json = (ObjectNode) node;
        JsonNode keyNode = json.get("key");
        String key = keyNode != null && keyNode.isTextual() ? keyNode.textValue() : "";
        JsonNode typeNode = json.get("type");
        if (typeNode == null || typeNode.isNull()) {
            problem(key, "type", "the component has no type");
            return null;
        }
        if (!typeNode.isTextual()) {
            problem(key, "type", "the component type must be a string");
            return null;
        }
        String type = typeNode.textValue();
        ComponentKind kind = ComponentKind.of(type);
        if (kind == null) {
            problem(key, "type", "unknown component type '" + abbreviate(type) + "'; supported are the formio.js "
                    + "basic, advanced, layout and data components listed in the forms module documentation");
            return null;
        }
        if (kind.holdsData() && kind != ComponentKind.BUTTON && (key.isEmpty() || !key.equals(key.strip()))) {
            problem(key, "key", "a " + type + " component needs a non-empty key without surrounding spaces");
            return null;
        }
        checkNoJavaScript(key, json);
        checkDateLimits(key, type, json);

        String path = prefix + key;
        String childPrefix = switch (kind) {
            case OBJECT -> path + ".";
            case ROWS -> path + "[].";
            default -> prefix;
        };
        boolean childrenInGrid = inGrid || kind == ComponentKind.ROWS;
        List<Component> children = switch (type) {
            case "columns" -> columns(key, json.get("columns"), childPrefix, depth, childrenInGrid);
            case "table" -> tableRows(key, json.get("rows"), childPrefix, depth, childrenInGrid);
            case "tabs" -> tabs(key, json.get("components"), childPrefix, depth, childrenInGrid);
            default -> kind == ComponentKind.INPUT || kind == ComponentKind.CONTENT || kind == ComponentKind.BUTTON
                    ? List.of()
                    : components(key, json.get("components"), childPrefix, "components", depth + 1, childrenInGrid);
        };
        if (kind == ComponentKind.INPUT || kind == ComponentKind.ROWS) {
            recordInput(key, json, path, inGrid);
        } else if (kind == ComponentKind.OBJECT) {
            recordTicketField(key, json, path, inGrid);
        }
        return new Component(json, type, key, kind, children, path);
    }

    private void recordInput(String key, ObjectNode json, String path, boolean inGrid) {
        if (!inGrid) {
            inputKeys.add(path);
        }
        recordTicketField(key, json, path, inGrid);
    }

    private void recordTicketField(String key, ObjectNode json, String path, boolean inGrid) {
        JsonNode props = json.get("properties");
        if (props == null || !props.isObject()) {
            return;
        }
        JsonNode field = props.get("ticketField");
        if (field == null || field.isNull() || (field.isTextual() && field.textValue().isBlank())) {
            return;
        }
        if (!field.isTextual()) {
            problem(key, "properties.ticketField", "ticketField must be the name of a ticket field");
        } else if (inGrid) {
            problem(key, "properties.ticketField", "a field inside a data grid has one value per row and cannot "
                    + "fill a ticket field");
        } else {
            ticketFields.put(path, field.textValue().strip());
        }
    }

    private List<Component> columns(String key, JsonNode columns, String prefix, int depth, boolean inGrid) {
        List<Component> result = new ArrayList<>();
        if (columns == null || columns.isNull()) {
            return result;
        }
        if (!columns.isArray()) {
            problem(key, "columns", "expected an array of columns");
            return result;
        }
        for (JsonNode column : columns) {
            if (!column.isObject()) {
                problem(key, "columns", "every column must be a JSON object");
                continue;
            }
            result.addAll(components(key, column.get("components"), prefix, "columns.components", depth + 1,
                    inGrid));
        }
        return result;
    }

    private List<Component> tableRows(String key, JsonNode rows, String prefix, int depth, boolean inGrid) {
        List<Component> result = new ArrayList<>();
        if (rows == null || rows.isNull()) {
            return result;
        }
        if (!rows.isArray()) {
            problem(key, "rows", "expected an array of table rows");
            return result;
        }
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                problem(key, "rows", "every table row must be an array of cells");
                continue;
            }
            for (JsonNode cell : row) {
                if (!cell.isObject()) {
                    problem(key, "rows", "every table cell must be a JSON object");
                    continue;
                }
                result.addAll(components(key, cell.get("components"), prefix, "rows.components", depth + 1, inGrid));
            }
        }
        return result;
    }

    /** Tab panes are objects without a type; formio walks them like panels. */
    private List<Component> tabs(String key, JsonNode panes, String prefix, int depth, boolean inGrid) {
        List<Component> result = new ArrayList<>();
        if (panes == null || panes.isNull()) {
            return result;
        }
        if (!panes.isArray()) {
            problem(key, "components", "expected an array of tabs");
            return result;
        }
        for (JsonNode pane : panes) {
            if (!pane.isObject()) {
                problem(key, "components", "every tab must be a JSON object");
                continue;
            }
            JsonNode paneKey = pane.get("key");
            String k = paneKey != null && paneKey.isTextual() ? paneKey.textValue() : "";
            checkNoJavaScript(k, (ObjectNode) pane);
            List<Component> children = components(k, pane.get("components"), prefix, "components", depth + 2,
                    inGrid);
            result.add(new Component((ObjectNode) pane, "tab", k, ComponentKind.LAYOUT, children, prefix + k));
        }
        return result;
    }

    private void checkNoJavaScript(String key, ObjectNode json) {
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("calculateValue")) {
                if (isCode(v) || (v.isObject() && v.size() > 0)) {
                    problem(key, name, "calculateValue " + (v.isObject()
                            ? "is evaluated on every change and is not supported on the server; let a process "
                            + "step or rule compute derived values"
                            : USE_JSONLOGIC));
                }
            } else if (name.equals("custom")) {
                if (isCode(v)) {
                    problem(key, name, "a custom button action " + USE_JSONLOGIC);
                }
            } else if (name.startsWith("custom") && !CUSTOM_TEXT_PROPERTIES.contains(name)) {
                if (isCode(v) || (name.equals("customDefaultValue") && v.isObject() && v.size() > 0)) {
                    problem(key, name, name + " " + USE_JSONLOGIC);
                }
            } else if (name.equals("validate") && v.isObject()) {
                checkValidate(key, v);
            } else if (name.equals("logic") && v.isArray()) {
                checkLogic(key, v);
            } else if (name.equals("data") && v.isObject() && "custom".equals(json.path("dataSrc").asText())) {
                if (isCode(v.get("custom"))) {
                    problem(key, "data.custom", "a custom data source " + USE_JSONLOGIC
                            + "; use static values or JSON data");
                }
            }
        }
    }

    /** formio evaluates a date limit that dayjs cannot parse (e.g. {@code moment().add(1, 'day')}) as JavaScript. */
    private void checkDateLimits(String key, String type, ObjectNode json) {
        JsonNode owner = "datetime".equals(type) ? json.get("widget") : "day".equals(type) ? json : null;
        String prefix = "datetime".equals(type) ? "widget." : "";
        if (owner == null || !owner.isObject()) {
            return;
        }
        for (String name : new String[] {"minDate", "maxDate"}) {
            if (DateLimits.isScript(owner.get(name))) {
                problem(key, prefix + name, "a date limit that is not an ISO date is evaluated as JavaScript "
                        + "(moment expressions), which Flowdesk never executes; use a fixed date such as 2024-01-31");
            }
        }
    }

    private void checkValidate(String key, JsonNode validate) {
        Iterator<Map.Entry<String, JsonNode>> fields = validate.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String name = e.getKey();
            if (name.equals("customPrivate")) {
                if (JsValues.truthy(e.getValue())) {
                    problem(key, "validate.customPrivate", "private custom validation " + USE_JSONLOGIC);
                }
            } else if (name.startsWith("custom") && !CUSTOM_TEXT_PROPERTIES.contains(name) && isCode(e.getValue())) {
                problem(key, "validate." + name, "custom validation " + USE_JSONLOGIC);
            }
        }
    }

    private void checkLogic(String key, JsonNode logic) {
        int i = 0;
        for (JsonNode rule : logic) {
            String at = "logic[" + i++ + "]";
            JsonNode trigger = rule.path("trigger");
            if ("javascript".equals(trigger.path("type").asText()) || isCode(trigger.get("javascript"))) {
                problem(key, at + ".trigger", "a JavaScript logic trigger " + USE_JSONLOGIC
                        + " (a trigger of type json)");
            }
            int j = 0;
            for (JsonNode action : rule.path("actions")) {
                String actionAt = at + ".actions[" + j++ + "]";
                String type = action.path("type").asText();
                if (type.equals("customAction") || isCode(action.get("customAction"))) {
                    problem(key, actionAt, "a custom logic action " + USE_JSONLOGIC);
                } else if (type.equals("value") && isCode(action.get("value"))) {
                    problem(key, actionAt, "a value logic action " + USE_JSONLOGIC);
                } else if (type.equals("mergeComponentSchema") && isCode(action.get("schemaDefinition"))) {
                    problem(key, actionAt, "a schema-merging logic action " + USE_JSONLOGIC);
                }
            }
        }
    }

    private static boolean isCode(JsonNode v) {
        return v != null && v.isTextual() && !v.textValue().isBlank();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
