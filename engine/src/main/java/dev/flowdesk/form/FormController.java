package dev.flowdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/forms}: the form catalogue, form definitions, and submissions that start processes. */
@RestController
@RequestMapping("/api/forms")
class FormController {

    private final FormCatalog catalog;
    private final ProcessBindings bindings;
    private final TicketService tickets;

    FormController(FormCatalog catalog, ProcessBindings bindings, TicketService tickets) {
        this.catalog = catalog;
        this.bindings = bindings;
        this.tickets = tickets;
    }

    record FormSummary(String key, String title, String description, String processKey, String ticketType) {
    }

    record Submission(JsonNode data) {
    }

    @GetMapping
    List<FormSummary> list() {
        return catalog.usableBy(CurrentUsers.require()).stream()
                .map(f -> new FormSummary(f.key(), f.title(), f.description(),
                        bindings.processStartedBy(f.key()).orElse(null), f.ticketType()))
                .filter(f -> f.processKey() != null)
                .toList();
    }

    @GetMapping("/{key}")
    JsonNode definition(@PathVariable String key) {
        return catalog.require(key, CurrentUsers.require()).definition().json();
    }

    /** Validates on the server, then opens the ticket and starts the bound process, in one transaction. */
    @PostMapping("/{key}/submissions")
    @Transactional
    ResponseEntity<OpenedTicket> submit(@PathVariable String key, @RequestBody Submission submission) {
        CurrentUser user = CurrentUsers.require();
        FormCatalog.CatalogForm form = catalog.require(key, user);
        String processKey = bindings.processStartedBy(key)
                .orElseThrow(() -> ApiException.conflict("Form '" + key + "' does not start any deployed process."));
        FormValues values = FormValues.validate(form.definition(), submission == null ? null : submission.data());
        Map<String, Object> fields = values.ticketFields();
        String type = form.ticketType() == null ? "INCIDENT" : form.ticketType().toUpperCase(Locale.ROOT);
        OpenedTicket opened = tickets.open(new NewTicket(type, "WEB", text(fields, "subject", form.title()),
                text(fields, "description", ""), user.id(), text(fields, "impact", null),
                text(fields, "urgency", null), text(fields, "category", null), values.otherFields(), processKey),
                user);
        return ResponseEntity.created(URI.create("/api/tickets/" + opened.ticketId())).body(opened);
    }

    private static String text(Map<String, Object> fields, String name, String fallback) {
        Object value = fields.get(name);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
