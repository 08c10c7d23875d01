package dev.flowdesk.form;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.diff.Comparison;
import dev.flowdesk.diff.VersionEntry;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.security.Role;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/forms}: the form catalogue, form definitions, submissions that start processes (or end in self-service
 * deflection), and designers saving new versions. Forms with {@code access: anonymous} work without signing in.
 */
@RestController
@RequestMapping("/api/forms")
class FormController {

    private final FormCatalog catalog;
    private final ProcessBindings bindings;
    private final FormSubmissions submissions;
    private final FormVersions versions;

    FormController(FormCatalog catalog, ProcessBindings bindings, FormSubmissions submissions,
                   FormVersions versions) {
        this.versions = versions;
        this.catalog = catalog;
        this.bindings = bindings;
        this.submissions = submissions;
    }

    /**
     * One catalogue entry; category, icon (a bootstrap-icons name) and order come from the form's properties, and
     * {@code translations} the title, description and category in other languages ({@code title_de}, …).
     */
    record FormSummary(String key, String title, String description, String processKey, String ticketType,
                       int version, boolean anonymous, String category, String icon, Integer order,
                       Map<String, Map<String, String>> translations) {
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
                        bindings.processStartedBy(f.key()).orElse(null), f.ticketType(), f.version(), f.anonymous(),
                        f.category(), f.icon(), f.order(), f.translations()))
                .filter(f -> designer || f.processKey() != null)
                .toList();
    }

    @GetMapping("/{key}")
    JsonNode definition(@PathVariable String key) {
        return catalog.require(key, CurrentUsers.orNull()).definition().json();
    }

    /** Every version with who, when and the designer's comment (designers). */
    @GetMapping("/{key}/versions")
    List<VersionEntry> versions(@PathVariable String key) {
        return versions.versions(key, CurrentUsers.require());
    }

    @GetMapping(path = "/{key}/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    String version(@PathVariable String key, @PathVariable int version) {
        return versions.source(key, version, CurrentUsers.require());
    }

    /** Two versions side by side with their line diff (designers). */
    @GetMapping("/{key}/diff")
    Comparison diff(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        return versions.compare(key, from, to, CurrentUsers.require());
    }

    /**
     * Saves a new version of a form (designers), with an optional {@code ?comment=}; refused with the component and
     * property if it carries JavaScript.
     */
    @PutMapping("/{key}")
    Saved save(@PathVariable String key, @RequestBody String definition,
               @RequestParam(required = false) String comment) {
        FormCatalog.CatalogForm saved = catalog.save(key, definition, comment, CurrentUsers.require());
        return new Saved(saved.key(), saved.version());
    }

    /**
     * Validates on the server, then either records a self-service deflection (200 {@code {"deflected":true}}) or
     * opens the ticket and starts the bound process, in one transaction (201).
     */
    @PostMapping("/{key}/submissions")
    ResponseEntity<?> submit(@PathVariable String key, @RequestBody Submission submission) {
        FormSubmissions.Outcome outcome = submissions.submit(key, submission == null ? null : submission.data(),
                CurrentUsers.orNull());
        if (outcome.deflected()) {
            return ResponseEntity.ok(Map.of("deflected", true));
        }
        return ResponseEntity.created(URI.create("/api/tickets/" + outcome.opened().ticketId())).body(outcome.opened());
    }
}
