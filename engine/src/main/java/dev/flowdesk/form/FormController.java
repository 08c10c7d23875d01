package dev.flowdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.web.ApiException;
import dev.flowdesk.workflow.ProcessBindings;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/forms}: the form catalogue, form definitions, submissions that start processes (or end in self-service
 * deflection), and designers saving new versions. Forms with {@code access: anonymous} work without signing in.
 */
@RestController
@RequestMapping("/api/forms")
class FormController {

    private static final CurrentUser ANONYMOUS = new CurrentUser("anonymous", "Anonymous", null, List.of(),
            Set.of(Role.USER), null);

    /** Ticket fields stored in columns of their own; every other mapped field is a custom field. */
    private static final Set<String> COLUMNS = Set.of("subject", "description", "impact", "urgency", "category",
            "requester");

    private final FormCatalog catalog;
    private final ProcessBindings bindings;
    private final TicketService tickets;
    private final FormDeflectionRepository deflections;
    private final Clock clock = Clock.systemUTC();

    FormController(FormCatalog catalog, ProcessBindings bindings, TicketService tickets,
                   FormDeflectionRepository deflections) {
        this.catalog = catalog;
        this.bindings = bindings;
        this.tickets = tickets;
        this.deflections = deflections;
    }

    record FormSummary(String key, String title, String description, String processKey, String ticketType,
                       int version, boolean anonymous) {
    }

    record Submission(JsonNode data) {
    }

    record Saved(String key, int version) {
    }

    /** The forms that start a process; designers and administrators also get task forms (processKey null). */
    @GetMapping
    List<FormSummary> list() {
        CurrentUser user = CurrentUsers.orNull();
        boolean designer = user != null && (user.has(Role.DESIGNER) || user.isAdmin());
        return catalog.usableBy(user).stream()
                .map(f -> new FormSummary(f.key(), f.title(), f.description(),
                        bindings.processStartedBy(f.key()).orElse(null), f.ticketType(), f.version(), f.anonymous()))
                .filter(f -> designer || f.processKey() != null)
                .toList();
    }

    @GetMapping("/{key}")
    JsonNode definition(@PathVariable String key) {
        return catalog.require(key, CurrentUsers.orNull()).definition().json();
    }

    @GetMapping("/{key}/versions")
    List<FormCatalog.VersionInfo> versions(@PathVariable String key) {
        catalog.require(key, CurrentUsers.require());
        return catalog.versions(key);
    }

    /** Saves a new version of a form (designers); refused with the component and property if it carries JavaScript. */
    @PutMapping("/{key}")
    Saved save(@PathVariable String key, @RequestBody String definition) {
        FormCatalog.CatalogForm saved = catalog.save(key, definition, CurrentUsers.require());
        return new Saved(saved.key(), saved.version());
    }

    /**
     * Validates on the server, then either records a self-service deflection (200 {@code {"deflected":true}}) or
     * opens the ticket and starts the bound process, in one transaction (201).
     */
    @PostMapping("/{key}/submissions")
    @Transactional
    ResponseEntity<?> submit(@PathVariable String key, @RequestBody Submission submission) {
        CurrentUser user = CurrentUsers.orNull();
        FormCatalog.CatalogForm form = catalog.require(key, user);
        FormValues values = FormValues.validate(form.definition(), submission == null ? null : submission.data());
        if (form.deflectWhen() != null && truthy(values.valueAt(form.deflectWhen()))) {
            deflections.save(new FormDeflection(key, form.version(), user == null ? null : user.id(), clock.instant()));
            return ResponseEntity.ok(Map.of("deflected", true));
        }
        String processKey = bindings.processStartedBy(key)
                .orElseThrow(() -> ApiException.conflict("Form '" + key + "' does not start any deployed process."));
        Map<String, Object> fields = values.ticketFields();
        String requester = user != null ? user.id() : text(fields, "requester", null);
        if (user == null && (requester == null || !requester.contains("@"))) {
            throw ApiException.invalid("data.email", "An e-mail address is needed to follow up on your request.");
        }
        String type = form.ticketType() == null ? "INCIDENT" : form.ticketType().toUpperCase(Locale.ROOT);
        // Ticket fields without a column of their own (changeType, implementer, items...) travel as custom fields,
        // where the process reads them (loadTicketFields).
        Map<String, Object> custom = new java.util.LinkedHashMap<>(values.otherFields());
        fields.forEach((name, value) -> {
            if (!COLUMNS.contains(name)) {
                custom.put(name, value);
            }
        });
        OpenedTicket opened = tickets.open(new NewTicket(type, "WEB", text(fields, "subject", form.title()),
                text(fields, "description", ""), requester, text(fields, "impact", null),
                text(fields, "urgency", null), text(fields, "category", null), custom, processKey),
                user == null ? ANONYMOUS : user);
        return ResponseEntity.created(URI.create("/api/tickets/" + opened.ticketId())).body(opened);
    }

    private static boolean truthy(Object value) {
        return Boolean.TRUE.equals(value) || "yes".equals(value) || "true".equals(value);
    }

    private static String text(Map<String, Object> fields, String name, String fallback) {
        Object value = fields.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
