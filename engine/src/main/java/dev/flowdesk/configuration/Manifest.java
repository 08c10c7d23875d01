package dev.flowdesk.configuration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a configuration archive: what the archive holds, each artefact's version at export and
 * the SHA-256 of its file, so that an import notices a file changed by hand or cut short.
 *
 * @param format        always {@value #FORMAT}
 * @param formatVersion {@value #FORMAT_VERSION}; an import refuses another
 */
record Manifest(String format, int formatVersion, Instant exportedAt, String exportedBy, List<Item> entries) {

    static final String FORMAT = "flowdesk-configuration";
    static final int FORMAT_VERSION = 1;

    /**
     * One artefact.
     *
     * @param type      {@code bpmn}, {@code form}, {@code ruleset} or {@code template}
     * @param name      process file key, form key, rule-set name or template name
     * @param language  a template's language
     * @param format    a rule set's format: {@code table} or {@code drl}
     * @param versions  a model file's process keys with their versions
     */
    record Item(String path, String type, String name, String language, Integer version, String format,
                Map<String, Integer> versions, String sha256) {
    }
}
