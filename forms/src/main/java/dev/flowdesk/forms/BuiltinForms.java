package dev.flowdesk.forms;

import java.util.Map;

/** The forms shipped with Flowdesk, from {@code dev/flowdesk/forms/builtin/<key>.json} on the class path. */
public final class BuiltinForms {

    private BuiltinForms() {
    }

    /** Definition JSON by form key (the file name without .json). */
    public static Map<String, String> all() {
        return BuiltinFormResources.load();
    }
}
