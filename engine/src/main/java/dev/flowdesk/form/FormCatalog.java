package dev.flowdesk.form;

import dev.flowdesk.forms.BuiltinForms;
import dev.flowdesk.forms.FormDefinition;
import dev.flowdesk.forms.FormDefinitionException;
import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.diff.VersionEntry;
import dev.flowdesk.error.DomainException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms Flowdesk knows: the built-in ones from the forms module (version 0) and the versions designers saved
 * (1, 2, ...). The newest version of a key is offered to new submissions; tasks keep the version they were created
 * with. A form's {@code properties.access} says who may use it: "anonymous", "authenticated" (the default), or a
 * comma-separated list of groups. A version saved for one tenant (its {@code properties.tenant}, or the tenant of the
 * designer who saved it) is offered only to that tenant's users and the desk's staff ({@link TenantScope}); to anyone
 * else it does not exist (404), and it is never anonymous.
 */
@Service
public class FormCatalog {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    /** A bootstrap-icons name; the browser builds a class name from it, so nothing else gets through. */
    private static final Pattern ICON = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** A catalogue text in another language: properties.title_de, description_de, category_de (issue 10). */
    private static final Pattern TRANSLATED = Pattern.compile("(title|description|category)_([a-z]{2})");

    /** One version of a form. */
    public record CatalogForm(String key, int version, FormDefinition definition, String tenant) {
        public String title() {
            return definition.title().isEmpty() ? key : definition.title();
        }

        public String description() {
            return definition.properties().getOrDefault("description", "");
        }

        /** The heading the catalogue groups this form under (properties.category), or null. */
        public String category() {
            return blankToNull(definition.properties().get("category"));
        }

        /** A bootstrap-icons name (properties.icon, e.g. "laptop"), or null. */
        public String icon() {
            String icon = blankToNull(definition.properties().get("icon"));
            return icon == null || !ICON.matcher(icon).matches() ? null : icon;
        }

        /** Where the catalogue places this form (properties.order, ascending), or null when not a whole number. */
        public Integer order() {
            String order = blankToNull(definition.properties().get("order"));
            if (order == null) {
                return null;
            }
            try {
                return Integer.valueOf(order);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /**
         * The catalogue texts in other languages, by language: {@code {"de": {"title": …, "description": …}}} from
         * the properties {@code title_de}, {@code description_de}, {@code category_de}. Form properties are strings
         * (formio's builder edits them as such), so each translation is one property.
         */
        public Map<String, Map<String, String>> translations() {
            Map<String, Map<String, String>> result = new TreeMap<>();
            definition.properties().forEach((name, value) -> {
                Matcher match = TRANSLATED.matcher(name);
                if (match.matches() && value != null && !value.isBlank()) {
                    result.computeIfAbsent(match.group(2), language -> new TreeMap<>())
                            .put(match.group(1), value.strip());
                }
            });
            return result;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        public String ticketType() {
            return definition.properties().get("ticketType");
        }

        public boolean anonymous() {
            return "anonymous".equals(access());
        }

        /** The data path whose truthy value ends the form without a ticket (self-service deflection), or null. */
        public String deflectWhen() {
            return definition.properties().get("deflectWhen");
        }

        boolean usableBy(CurrentUser user) {
            if (tenant != null && (user == null || !TenantScope.admits(user, tenant))) {
                return false;
            }
            String access = access();
            if (access.equals("anonymous")) {
                return true;
            }
            if (user == null) {
                return false;
            }
            if (access.equals("authenticated") || user.isAdmin()) {
                return true;
            }
            return List.of(access.split("\\s*,\\s*")).stream().anyMatch(user.groups()::contains);
        }

        private String access() {
            return definition.properties().getOrDefault("access", "authenticated").strip().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<String, CatalogForm> builtin = new ConcurrentHashMap<>();
    private final Map<String, CatalogForm> parsed = new ConcurrentHashMap<>();
    private final StoredFormRepository stored;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    FormCatalog(StoredFormRepository stored, JdbcTemplate jdbc, Clock clock) {
        this.stored = stored;
        this.jdbc = jdbc;
        this.clock = clock;
        BuiltinForms.all().forEach((key, json) -> builtin.put(key, new CatalogForm(key, 0, FormDefinition.parse(json), null)));
    }

    /** The newest version of a form. */
    @Transactional(readOnly = true)
    public Optional<CatalogForm> find(String key) {
        return rowId("SELECT id FROM form_definition WHERE form_key = ? ORDER BY form_version DESC LIMIT 1", key)
                .map(id -> parsed(id, key)).or(() -> Optional.ofNullable(builtin.get(key)));
    }

    /** A given version of a form (0 = the built-in one). */
    @Transactional(readOnly = true)
    public Optional<CatalogForm> find(String key, int version) {
        if (version == 0) {
            return Optional.ofNullable(builtin.get(key));
        }
        return rowId("SELECT id FROM form_definition WHERE form_key = ? AND form_version = ?", key, version)
                .map(id -> parsed(id, key));
    }

    /**
     * The row id of a stored version, by plain SQL: a form is looked up on every submission and every task created,
     * inside transactions that already hold the ticket and its audit events, and a JPA query would first check all
     * of them for changes to flush (and load the whole definition); the parsed form is cached by row id.
     */
    private Optional<Long> rowId(String sql, Object... args) {
        return jdbc.query(sql, (rs, row) -> rs.getLong(1), args).stream().findFirst();
    }

    /** The newest version for this user (null = anonymous); 404 when it does not exist or the user may not use it. */
    public CatalogForm require(String key, CurrentUser user) {
        return find(key).filter(f -> f.usableBy(user)).orElseThrow(() -> DomainException.notFound("form " + key));
    }

    @Transactional(readOnly = true)
    public List<CatalogForm> usableBy(CurrentUser user) {
        TreeSet<String> keys = new TreeSet<>(builtin.keySet());
        keys.addAll(stored.keys());
        List<CatalogForm> forms = new ArrayList<>();
        keys.forEach(key -> find(key).filter(f -> f.usableBy(user)).ifPresent(forms::add));
        return forms;
    }

    /** Saves a new version of a form after checking it parses and carries no JavaScript. Designers only. */
    @Transactional
    public CatalogForm save(String key, String json, CurrentUser user) {
        return save(key, json, null, user);
    }

    /** As {@link #save(String, String, CurrentUser)}, with the designer's comment on the version (at most 1000). */
    @Transactional
    public CatalogForm save(String key, String json, String comment, CurrentUser user) {
        user.requireAny("Only process designers save forms.", Role.DESIGNER);
        FormDefinition definition = check(key, json);
        if (comment != null && comment.length() > 1000) {
            throw DomainException.invalid("comment", "must be at most 1000 characters");
        }
        String tenant = tenantOf(definition, user);
        Optional<StoredForm> latest = stored.findFirstByFormKeyOrderByFormVersionDesc(key);
        String keyTenant = latest.map(StoredForm::getTenant).orElse(null);
        if ((latest.isPresent() || builtin.containsKey(key)) && !java.util.Objects.equals(keyTenant, tenant)) {
            // the newest version is what the catalogue offers, so a key keeps its tenant; another tenant's form is
            // not named, so that its existence cannot be probed
            throw DomainException.invalid(TenantScope.admits(user, keyTenant) ? "properties.tenant" : "key",
                    TenantScope.admits(user, keyTenant) ? "must stay " + (keyTenant == null ? "empty (a form shared"
                            + " by all tenants)" : keyTenant) + ": a form keeps its tenant"
                            : "is not available; choose another");
        }
        int next = latest.map(StoredForm::getFormVersion).orElse(0) + 1;
        // flushed now: lookups read form_definition by plain SQL (rowId), also later in this transaction
        stored.saveAndFlush(new StoredForm(key, next, json, user.id(), clock.instant(), tenant,
                comment == null || comment.isBlank() ? null : comment.strip()));
        // Not cached here: if this transaction loses a race for the version number, the cache must not keep it.
        return new CatalogForm(key, next, definition, tenant);
    }

    /**
     * The checks a save makes, without saving: the key's shape, and a definition that parses and carries no
     * JavaScript; 400 naming the component and property otherwise. The configuration import checks each form so.
     */
    public FormDefinition check(String key, String json) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw DomainException.invalid("key", "must be lower-case letters, digits and dashes, starting with a letter");
        }
        try {
            return FormDefinition.parse(json);
        } catch (FormDefinitionException e) {
            throw DomainException.invalid(e.problems().stream().map(p -> new DomainException.FieldError(
                    p.componentKey().isEmpty() ? (p.property() == null || p.property().isEmpty() ? "definition"
                            : p.property()) : "components." + p.componentKey()
                            + (p.property() == null || p.property().isEmpty() ? "" : "." + p.property()),
                    p.toString())).toList());
        }
    }

    /**
     * The tenant of a saved version: its {@code properties.tenant}; a designer bound to a tenant saves for her own
     * tenant only (naming another is refused).
     */
    private static String tenantOf(FormDefinition definition, CurrentUser user) {
        String named = definition.properties().get("tenant");
        String tenant = named == null || named.isBlank() ? null : named.strip();
        if (tenant != null && tenant.length() > 64) {
            throw DomainException.invalid("properties.tenant", "must be at most 64 characters");
        }
        if (user.tenant() == null) {
            return tenant;
        }
        if (tenant != null && !tenant.equals(user.tenant())) {
            throw DomainException.invalid("properties.tenant", "must be your own tenant");
        }
        return user.tenant();
    }

    /** Every version of a form, newest first; the built-in one (if any) is version 0 by "flowdesk". */
    @Transactional(readOnly = true)
    public List<VersionEntry> versions(String key) {
        List<StoredForm> saved = stored.findByFormKeyOrderByFormVersionDesc(key);
        List<VersionEntry> versions = new ArrayList<>();
        for (int i = 0; i < saved.size(); i++) {
            StoredForm f = saved.get(i);
            versions.add(new VersionEntry(f.getFormVersion(), f.getCreatedBy(), f.getCreatedAt(), f.getComment(),
                    i == 0));
        }
        if (builtin.containsKey(key)) {
            versions.add(new VersionEntry(0, "flowdesk", null, "shipped with Flowdesk", saved.isEmpty()));
        }
        if (versions.isEmpty()) {
            throw DomainException.notFound("form " + key);
        }
        return versions;
    }

    /**
     * The source of one version as a designer reads it: stored text as saved, the built-in one pretty-printed.
     * 404 when there is no such version.
     */
    @Transactional(readOnly = true)
    public String source(String key, int version) {
        if (version == 0) {
            String json = BuiltinForms.all().get(key);
            if (json == null) {
                throw DomainException.notFound("form " + key + " version 0");
            }
            return json;
        }
        return stored.findByFormKeyAndFormVersion(key, version).map(StoredForm::getDefinition)
                .orElseThrow(() -> DomainException.notFound("form " + key + " version " + version));
    }

    /** The keys of every form: built in or saved by designers. */
    @Transactional(readOnly = true)
    public List<String> keys() {
        TreeSet<String> keys = new TreeSet<>(builtin.keySet());
        keys.addAll(stored.keys());
        return List.copyOf(keys);
    }

    /**
     * Parsed forms are cached by row id, not by key and version: a configuration import's dry run saves versions in a
     * transaction that rolls back, and the same key and version may later be saved with other content, while a row
     * id comes from a sequence and is never handed out twice.
     */
    private CatalogForm parsed(long id, String key) {
        CatalogForm known = parsed.get(id + "@" + key);
        return known != null ? known : parse(stored.findById(id).orElseThrow());
    }

    private CatalogForm parse(StoredForm form) {
        return parsed.computeIfAbsent(form.getId() + "@" + form.getFormKey(),
                k -> new CatalogForm(form.getFormKey(), form.getFormVersion(), FormDefinition.parse(form.getDefinition()),
                        form.getTenant()));
    }

    /** The key of a Camunda form key {@code formio:<key>}, or null if it is not a Form.io form. */
    public static String keyOf(String camundaFormKey) {
        return camundaFormKey != null && camundaFormKey.startsWith("formio:")
                ? camundaFormKey.substring("formio:".length()) : null;
    }
}
