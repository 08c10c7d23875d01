package dev.flowdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.attachment.Attachments;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.error.DomainException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A form submission, from the portal or any other channel: validated on the server against the form's definition,
 * then either recorded as a self-service deflection or turned into a ticket whose bound process starts, in one
 * transaction. Anonymous submissions (forms with {@code access: anonymous}) must give an e-mail address.
 */
@Service
public class FormSubmissions {

    private static final CurrentUser ANONYMOUS = new CurrentUser("anonymous", "Anonymous", null, List.of(),
            Set.of(Role.USER), null);
    /** Ticket fields stored in columns of their own; every other mapped field is a custom field. */
    private static final Set<String> COLUMNS = Set.of("subject", "description", "impact", "urgency", "category",
            "requester");

    private final FormCatalog catalog;
    private final ProcessBindings bindings;
    private final TicketService tickets;
    private final FormDeflectionRepository deflections;
    private final Clock clock;
    private final Attachments files;

    FormSubmissions(FormCatalog catalog, ProcessBindings bindings, TicketService tickets,
                    FormDeflectionRepository deflections, Clock clock, Attachments files) {
        this.catalog = catalog;
        this.bindings = bindings;
        this.tickets = tickets;
        this.deflections = deflections;
        this.clock = clock;
        this.files = files;
    }

    /** What became of a submission: a ticket, or a deflection (the form ended without one). */
    public record Outcome(OpenedTicket opened, boolean deflected) {
    }

    /** Submits {@code data} to the form {@code key} on behalf of {@code user} (null: anonymous). */
    @Transactional
    public Outcome submit(String key, JsonNode data, CurrentUser user) {
        FormCatalog.CatalogForm form = catalog.require(key, user);
        FormValues values = FormValues.validate(form.definition(), data);
        Map<String, String> uploads = uploads(values.data(), "data", new LinkedHashMap<>());
        if (form.deflectWhen() != null && truthy(values.valueAt(form.deflectWhen()))) {
            deflections.save(new FormDeflection(key, form.version(), user == null ? null : user.id(), clock.instant()));
            return new Outcome(null, true);
        }
        Map<String, Object> fields = values.ticketFields();
        String requester = user != null ? user.id() : text(fields, "requester", null);
        if (user == null && (requester == null || !requester.contains("@"))) {
            throw DomainException.invalid("data.email", "An e-mail address is needed to follow up on your request.");
        }
        CurrentUser submitter = user == null ? ANONYMOUS : user;
        return new Outcome(open(form, values, uploads, requester, "WEB", submitter,
                ticket -> tickets.open(ticket, submitter)), false);
    }

    /**
     * An agent opens a ticket for a caller from a form's values (a ticket template, issue 11): the same validation,
     * field mapping, bound process and rules as {@link #submit}, so the ticket is the one the caller would have
     * opened with these values; only the requester and the channel are the caller's, and it goes through
     * {@link TicketService#openDirectly} (agents only, the channel allow-list). A deflection does not apply: the agent
     * has decided to open a ticket.
     */
    @Transactional
    public OpenedTicket submitForCaller(String key, JsonNode data, String requester, String channel,
                                        CurrentUser agent) {
        agent.requireAny("Only agents open tickets for callers.", Role.AGENT);
        if (requester == null || requester.isBlank()) {
            throw DomainException.invalid("requester", "is required: the caller the ticket is for");
        }
        FormCatalog.CatalogForm form = catalog.require(key, agent);
        FormValues values = FormValues.validate(form.definition(), data);
        Map<String, String> uploads = uploads(values.data(), "data", new LinkedHashMap<>());
        return open(form, values, uploads, requester.strip(), channel, agent,
                ticket -> tickets.openDirectly(ticket, agent));
    }

    /**
     * Checks values that prefill the form {@code key} (a ticket template): each must be one of the form's fields and
     * valid there; fields not given are not checked, the agent fills them in. A 400 names {@code values.<key>}.
     * Returns the values as the form keeps them (typed, only what it defines).
     */
    @Transactional(readOnly = true)
    public Map<String, Object> checkPrefill(String key, JsonNode values, CurrentUser user) {
        FormCatalog.CatalogForm form = catalog.find(key).filter(f -> f.usableBy(user))
                .orElseThrow(() -> DomainException.invalid("formKey", "no form '" + key + "' you may use"));
        if (values == null || !values.isObject()) {
            throw DomainException.invalid("values", "must be an object with the form's values");
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        form.definition().inputKeys().forEach(path -> known.add(top(path)));
        List<DomainException.FieldError> errors = new java.util.ArrayList<>();
        values.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new DomainException.FieldError("values." + name, "is not a field of form '" + key + "'"));
            }
        });
        var result = form.definition().validate(values);
        result.errors().stream().filter(e -> values.has(top(e.path())))
                .forEach(e -> errors.add(new DomainException.FieldError("values." + e.path(), e.message())));
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        Map<String, Object> kept = new LinkedHashMap<>(result.data());
        kept.keySet().retainAll(toSet(values));
        return kept;
    }

    private static String top(String path) {
        int end = path.length();
        for (char c : new char[] {'.', '['}) {
            int at = path.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }

    private static java.util.Set<String> toSet(JsonNode object) {
        java.util.Set<String> names = new java.util.HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private OpenedTicket open(FormCatalog.CatalogForm form, FormValues values, Map<String, String> uploads,
                              String requester, String channel, CurrentUser submitter,
                              java.util.function.Function<NewTicket, OpenedTicket> opener) {
        String key = form.key();
        String processKey = bindings.processStartedBy(key)
                .orElseThrow(() -> DomainException.conflict("Form '" + key + "' does not start any deployed process."));
        Map<String, Object> fields = values.ticketFields();
        String type = form.ticketType() == null ? "INCIDENT" : form.ticketType().toUpperCase(Locale.ROOT);
        // Ticket fields without a column of their own (changeType, implementer, items...) travel as custom fields,
        // where the process reads them (loadTicketFields).
        // File values keep what the server stored (name, type, size, our URL), never what the browser sent with the id.
        Map<String, dev.flowdesk.attachment.AttachmentView> stored = new LinkedHashMap<>();
        String uploader = submitter.id();
        uploads.forEach((id, path) -> stored.put(id, files.pendingUpload(id, uploader).orElseThrow(() ->
                DomainException.invalid(path, "names an attachment that is not an upload of yours: " + id))));
        Map<String, Object> custom = new LinkedHashMap<>();
        values.otherFields().forEach((name, value) -> custom.put(name, storedFiles(value, stored)));
        fields.forEach((name, value) -> {
            if (!COLUMNS.contains(name)) {
                custom.put(name, storedFiles(value, stored));
            }
        });
        OpenedTicket opened;
        try {
            opened = opener.apply(new NewTicket(type, channel, text(fields, "subject", form.title()),
                    text(fields, "description", ""), requester, text(fields, "impact", null),
                    text(fields, "urgency", null), text(fields, "category", null), custom, processKey));
        } catch (DomainException.Invalid refused) {
            throw inFormTerms(refused, form.definition().ticketFieldMapping(), values.otherFields().keySet());
        }
        uploads.forEach((id, path) -> files.claim(List.of(id), opened.ticketId(), null, false, uploader, path));
        return opened;
    }

    /**
     * The ticket feature names a custom field it refuses {@code fields.X} (the asset picker's {@code fields.asset}:
     * not a device of yours); the submitter's form knows that field as a component, so the error names it the way
     * formio.js does ({@code data.asset}) and the browser marks that field. Other errors pass unchanged.
     */
    private static DomainException.Invalid inFormTerms(DomainException.Invalid refused, Map<String, String> mapping,
                                                       java.util.Set<String> otherKeys) {
        if (refused.errors().isEmpty()) {
            return refused;
        }
        Map<String, String> byField = new LinkedHashMap<>();
        mapping.forEach((path, field) -> byField.putIfAbsent(field, path));
        otherKeys.forEach(key -> byField.putIfAbsent(key, key));
        return DomainException.invalid(refused.errors().stream().map(e -> {
            String path = e.path() == null ? "" : e.path();
            String component = path.startsWith("fields.") ? byField.get(path.substring("fields.".length())) : null;
            return component == null ? e : new DomainException.FieldError("data." + component, e.message());
        }).toList());
    }

    /** {@code value} with every Form.io file object replaced by what the attachment store holds for its id. */
    @SuppressWarnings("unchecked")
    private static Object storedFiles(Object value, Map<String, dev.flowdesk.attachment.AttachmentView> stored) {
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("storage") && map.containsKey("name") && map.get("data") instanceof Map<?, ?> data
                    && data.get("id") instanceof String id && stored.containsKey(id)) {
                var file = stored.get(id);
                Map<String, Object> safe = new LinkedHashMap<>();
                safe.put("storage", "url");
                safe.put("name", file.name());
                safe.put("originalName", file.name());
                safe.put("size", file.size());
                safe.put("type", file.contentType());
                safe.put("url", file.url());
                safe.put("data", Map.of("id", id));
                return safe;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((key, inner) -> copy.put(key, storedFiles(inner, stored)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(inner -> storedFiles(inner, stored)).toList();
        }
        return value;
    }

    /**
     * The files a submission names (Form.io file values: objects with {@code storage}), id to data path. Each must be
     * an upload to Flowdesk ({@code data.id} from {@code POST /api/attachments}); inline ({@code base64}) or foreign
     * storage is refused, so no file reaches a ticket around the attachment store's checks.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> uploads(Object value, String path, Map<String, String> found) {
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey("storage") && map.containsKey("name")) {
                Object data = map.get("data");
                Object id = data instanceof Map<?, ?> d ? d.get("id") : null;
                if (!"url".equals(map.get("storage")) || !(id instanceof String text) || text.isBlank()) {
                    throw DomainException.invalid(path, "must be a file uploaded to Flowdesk (POST /api/attachments)");
                }
                found.put(text, path);
                return found;
            }
            ((Map<String, Object>) map).forEach((key, inner) -> uploads(inner, path + "." + key, found));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                uploads(list.get(i), path + "[" + i + "]", found);
            }
        }
        return found;
    }

    /**
     * The requester found the answer while filling in {@code formKey} (a knowledge base article, {@code articleId}):
     * a deflection is recorded, no ticket is opened.
     */
    @Transactional
    public void recordDeflection(String formKey, Long articleId, CurrentUser user) {
        FormCatalog.CatalogForm form = catalog.require(formKey, user);
        deflections.save(new FormDeflection(formKey, form.version(), user == null ? null : user.id(), clock.instant(),
                articleId));
    }

    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value) || "yes".equals(value) || "true".equals(value);
    }

    private static String text(Map<String, Object> fields, String name, String fallback) {
        Object value = fields.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
