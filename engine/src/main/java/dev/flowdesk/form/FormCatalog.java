package dev.flowdesk.form;

import dev.flowdesk.forms.BuiltinForms;
import dev.flowdesk.forms.FormDefinition;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.web.ApiException;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The forms Flowdesk knows: the built-in ones from the forms module. A form's {@code properties.access} says who may
 * use it: "anonymous", "authenticated" (the default), or a comma-separated list of groups.
 */
@Service
public class FormCatalog {

    /** A form usable in this installation. */
    public record CatalogForm(String key, FormDefinition definition) {
        public String title() {
            return definition.title().isEmpty() ? key : definition.title();
        }

        public String description() {
            return definition.properties().getOrDefault("description", "");
        }

        public String ticketType() {
            return definition.properties().get("ticketType");
        }

        boolean usableBy(CurrentUser user) {
            String access = definition.properties().getOrDefault("access", "authenticated").strip()
                    .toLowerCase(Locale.ROOT);
            if (access.equals("anonymous") || access.equals("authenticated")) {
                return true;
            }
            if (user.isAdmin()) {
                return true;
            }
            return List.of(access.split("\\s*,\\s*")).stream().anyMatch(user.groups()::contains);
        }
    }

    private final Map<String, CatalogForm> forms = new LinkedHashMap<>();

    public FormCatalog() {
        BuiltinForms.all().forEach((key, json) -> forms.put(key, new CatalogForm(key, FormDefinition.parse(json))));
    }

    public Optional<CatalogForm> find(String key) {
        return Optional.ofNullable(forms.get(key));
    }

    /** The form for this user; 404 when it does not exist or the user may not use it. */
    public CatalogForm require(String key, CurrentUser user) {
        return find(key).filter(f -> f.usableBy(user)).orElseThrow(() -> ApiException.notFound("form " + key));
    }

    public List<CatalogForm> usableBy(CurrentUser user) {
        return forms.values().stream().filter(f -> f.usableBy(user)).toList();
    }

    /** The key of a Camunda form key {@code formio:<key>}, or null if it is not a Form.io form. */
    public static String keyOf(String camundaFormKey) {
        return camundaFormKey != null && camundaFormKey.startsWith("formio:")
                ? camundaFormKey.substring("formio:".length()) : null;
    }
}
