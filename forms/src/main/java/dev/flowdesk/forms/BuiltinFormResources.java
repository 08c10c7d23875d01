package dev.flowdesk.forms;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the shipped forms. A jar cannot list a class-path folder portably, so {@code builtin/index.txt} names the
 * form keys, one a line; a test checks that every JSON file there is listed and every listed form parses.
 */
final class BuiltinFormResources {

    static final String FOLDER = "/dev/flowdesk/forms/builtin/";

    private static volatile Map<String, String> cache;

    private BuiltinFormResources() {
    }

    static Map<String, String> load() {
        Map<String, String> forms = cache;
        if (forms == null) {
            Map<String, String> loaded = new LinkedHashMap<>();
            for (String line : read("index.txt").split("\\R")) {
                String key = line.strip();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    loaded.put(key, read(key + ".json"));
                }
            }
            forms = Collections.unmodifiableMap(loaded);
            cache = forms;
        }
        return forms;
    }

    private static String read(String name) {
        try (InputStream in = BuiltinFormResources.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in form resource " + FOLDER + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
