package dev.flowdesk.forms;

import java.util.Map;

/**
 * How a Form.io component type holds data, after formio's own {@code getModelType}: layout components pass their
 * children's values through, a container nests them under its key, grids hold an array of rows, display components
 * hold nothing. Only the types listed here are accepted; anything else is refused rather than guessed.
 */
enum ComponentKind {
    /** A field that holds one value (or an array of them when {@code multiple}). */
    INPUT,
    /** panel, columns, fieldset, well, table, tabs: no value of their own. */
    LAYOUT,
    /** container: its children's values live in an object under its key. */
    OBJECT,
    /** datagrid, editgrid: an array of row objects under its key. */
    ROWS,
    /** htmlelement, content: text shown to the user. */
    CONTENT,
    /** button: formio treats it as an input whose submitted value is kept as is. */
    BUTTON;

    private static final Map<String, ComponentKind> BY_TYPE = Map.ofEntries(
            Map.entry("textfield", INPUT), Map.entry("textarea", INPUT), Map.entry("email", INPUT),
            Map.entry("number", INPUT), Map.entry("password", INPUT), Map.entry("checkbox", INPUT),
            Map.entry("select", INPUT), Map.entry("selectboxes", INPUT), Map.entry("radio", INPUT),
            Map.entry("datetime", INPUT), Map.entry("day", INPUT), Map.entry("time", INPUT),
            Map.entry("phoneNumber", INPUT), Map.entry("url", INPUT), Map.entry("currency", INPUT),
            Map.entry("tags", INPUT), Map.entry("signature", INPUT), Map.entry("file", INPUT),
            Map.entry("hidden", INPUT),
            Map.entry("panel", LAYOUT), Map.entry("columns", LAYOUT), Map.entry("fieldset", LAYOUT),
            Map.entry("well", LAYOUT), Map.entry("table", LAYOUT), Map.entry("tabs", LAYOUT),
            Map.entry("container", OBJECT), Map.entry("datagrid", ROWS), Map.entry("editgrid", ROWS),
            Map.entry("htmlelement", CONTENT), Map.entry("content", CONTENT), Map.entry("button", BUTTON));

    /** The kind of a known type, or null for a type we do not support. */
    static ComponentKind of(String type) {
        return type == null ? null : BY_TYPE.get(type);
    }

    boolean holdsData() {
        return this == INPUT || this == OBJECT || this == ROWS || this == BUTTON;
    }
}
