package dev.flowdesk.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flowdesk.diff.Comparison;
import dev.flowdesk.diff.VersionEntry;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * Designers compare versions of a form. Both sides are pretty-printed the same way before the line diff: the builder
 * saves compact JSON, and a diff of two one-line documents would say only "everything changed".
 */
@Service
public class FormVersions {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FormCatalog catalog;

    FormVersions(FormCatalog catalog) {
        this.catalog = catalog;
    }

    public List<VersionEntry> versions(String key, CurrentUser user) {
        requireDesigner(user);
        return catalog.versions(key);
    }

    /** One version's definition, pretty-printed as the diff shows it. */
    public String source(String key, int version, CurrentUser user) {
        requireDesigner(user);
        return pretty(catalog.source(key, version));
    }

    public Comparison compare(String key, int from, int to, CurrentUser user) {
        requireDesigner(user);
        return Comparison.ofText("form " + key, from, to, pretty(catalog.source(key, from)),
                pretty(catalog.source(key, to)));
    }

    /** The same JSON in one layout: two spaces, one member per line, members in the order written. */
    static String pretty(String json) {
        try {
            return JSON.writeValueAsString(JSON.readTree(json)) + "\n";
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static void requireDesigner(CurrentUser user) {
        user.requireAny("Only process designers read form versions.", Role.DESIGNER);
    }
}
