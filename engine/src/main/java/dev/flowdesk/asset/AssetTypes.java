package dev.flowdesk.asset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.form.FormCatalog;
import dev.flowdesk.form.FormValues;
import dev.flowdesk.forms.FormDefinition;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asset types: a key, a name and the Form.io form (in the one form catalogue, {@link FormCatalog}) that holds the
 * type's custom fields, so that designers add a kind of asset without Java. An asset's {@code fields} are checked on
 * the server against its type's newest form by the validator form submissions use ({@link FormValues}); the errors
 * name {@code fields.<key>}. A value the form has no field for is refused rather than dropped, so a client (or an
 * import column) learns that it was wrong. Designers create and change types (a stale version: 409); everyone signed
 * in reads them, because the asset pages render the type's form.
 */
@Service
public class AssetTypes {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final NamedParameterJdbcTemplate jdbc;
    private final FormCatalog forms;
    private final ObjectMapper json;
    private final Clock clock;

    AssetTypes(NamedParameterJdbcTemplate jdbc, FormCatalog forms, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.forms = forms;
        this.json = json;
        this.clock = clock;
    }

    /** A type as clients see it; {@code formKey} is null only for a type that existed before types had forms. */
    public record AssetTypeView(String key, String name, String formKey, long version, String updatedBy,
                                Instant updatedAt) {
    }

    /** {@code POST /api/asset-types} and {@code PUT /api/asset-types/{key}} ({@code version}: the one read). */
    public record AssetTypeInput(String key, String name, String formKey, Long version) {
    }

    @Transactional(readOnly = true)
    public List<AssetTypeView> list() {
        return jdbc.query("SELECT * FROM asset_type ORDER BY name, type_key", Map.of(), rows());
    }

    @Transactional(readOnly = true)
    public AssetTypeView get(String key) {
        return find(key).orElseThrow(() -> DomainException.notFound("asset type " + key));
    }

    @Transactional
    public AssetTypeView create(AssetTypeInput input, CurrentUser actor) {
        actor.requireAny("Only designers define asset types.", Role.DESIGNER);
        String key = input == null || input.key() == null ? "" : input.key().strip().toLowerCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        if (!KEY.matcher(key).matches()) {
            errors.add(new FieldError("key", "is required: lower-case letters, digits and dashes, such as phone"));
        }
        Checked checked = check(input, actor, errors);
        try {
            jdbc.update("INSERT INTO asset_type (type_key, name, form_key, version, updated_by, updated_at) VALUES"
                    + " (:key, :name, :form, 0, :by, :at)", Map.of("key", key, "name", checked.name(),
                    "form", checked.formKey(), "by", actor.id(), "at", Timestamp.from(clock.instant())));
        } catch (DuplicateKeyException taken) {
            throw DomainException.conflict("Asset type " + key + " exists already; change it instead.");
        }
        return get(key);
    }

    @Transactional
    public AssetTypeView update(String key, AssetTypeInput input, CurrentUser actor) {
        actor.requireAny("Only designers change asset types.", Role.DESIGNER);
        AssetTypeView current = get(key);
        List<FieldError> errors = new ArrayList<>();
        if (input != null && input.key() != null && !input.key().strip().equals(key)) {
            errors.add(new FieldError("key", "names another type than the address; a type keeps its key"));
        }
        if (input == null || input.version() == null) {
            errors.add(new FieldError("version", "is required: the version you read"));
        }
        Checked checked = check(input, actor, errors);
        int updated = jdbc.update("UPDATE asset_type SET name = :name, form_key = :form, version = version + 1,"
                + " updated_by = :by, updated_at = :at WHERE type_key = :key AND version = :version",
                Map.of("key", current.key(), "name", checked.name(), "form", checked.formKey(), "by", actor.id(),
                        "at", Timestamp.from(clock.instant()), "version", input.version()));
        if (updated == 0) {
            throw DomainException.conflict("Asset type " + key + " was changed by someone else; load it again.");
        }
        return get(key);
    }

    private record Checked(String name, String formKey) {
    }

    /** Name and form of a type; every wrong field at once (with those already in {@code errors}). */
    private Checked check(AssetTypeInput input, CurrentUser actor, List<FieldError> errors) {
        String name = input == null || input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "is required, at most 100 characters"));
        }
        String formKey = input == null || input.formKey() == null ? "" : input.formKey().strip();
        if (formKey.isEmpty()) {
            errors.add(new FieldError("formKey", "is required: the form that holds the type's fields"));
        } else {
            try {
                forms.require(formKey, actor); // a form the designer may not see does not exist for her
            } catch (DomainException.NotFound missing) {
                errors.add(new FieldError("formKey", "no form " + formKey + "; design it first"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new Checked(name, formKey);
    }

    /**
     * The custom fields of an asset of {@code type}, validated against the type's newest form as a submission of it
     * would be: 400 at {@code type} when there is no such type, at {@code fields.<key>} for a wrong or unknown value.
     * Returns the values as the form keeps them (typed, normalised); a type without a form keeps them as given.
     */
    Map<String, Object> checkFields(String type, Map<String, Object> fields) {
        AssetTypeView assetType = find(type).orElseThrow(() -> DomainException.invalid("type",
                "no asset type " + type + "; a designer defines types under /api/asset-types"));
        if (assetType.formKey() == null) {
            return fields;
        }
        FormDefinition form = forms.find(assetType.formKey()).orElseThrow(() -> DomainException.invalid("type",
                "the form " + assetType.formKey() + " of type " + type + " is missing; a designer must fix the type"))
                .definition();
        java.util.Set<String> inputs = new java.util.HashSet<>();
        form.inputKeys().forEach(path -> inputs.add(path.contains(".") ? path.substring(0, path.indexOf('.')) : path));
        List<FieldError> unknown = fields.keySet().stream().filter(k -> !inputs.contains(k))
                .map(k -> new FieldError("fields." + k, "is not a field of asset type " + type)).toList();
        if (!unknown.isEmpty()) {
            throw DomainException.invalid(unknown);
        }
        FormValues values;
        try {
            values = FormValues.validate(form, json.valueToTree(fields));
        } catch (DomainException.Invalid invalid) {
            throw DomainException.invalid(invalid.errors().stream().map(e -> new FieldError(
                    e.path() != null && e.path().startsWith("data.") ? "fields." + e.path().substring(5) : "fields",
                    e.message())).toList());
        }
        // the typed values of what was given: defaults and buttons of a builder's form are no values of the asset
        Map<String, Object> kept = new LinkedHashMap<>();
        values.data().forEach((key, value) -> {
            if (value != null && fields.containsKey(key)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    Optional<AssetTypeView> find(String key) {
        return key == null ? Optional.empty() : jdbc.query("SELECT * FROM asset_type WHERE type_key = :key",
                Map.of("key", key), rows()).stream().findFirst();
    }

    private static RowMapper<AssetTypeView> rows() {
        return (rs, n) -> new AssetTypeView(rs.getString("type_key"), rs.getString("name"), rs.getString("form_key"),
                rs.getLong("version"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant());
    }
}
