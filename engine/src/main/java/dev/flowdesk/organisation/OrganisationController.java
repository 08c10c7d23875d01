package dev.flowdesk.organisation;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** {@code /api/organisations} and {@code /api/contacts}: agents read and edit contacts, administrators organisations. */
@RestController
class OrganisationController {

    private final Organisations organisations;
    private final Contacts contacts;
    private final ContactImport imports;

    OrganisationController(Organisations organisations, Contacts contacts, ContactImport imports) {
        this.organisations = organisations;
        this.contacts = contacts;
        this.imports = imports;
    }

    /** A CSV file as the body ({@code text/csv}); {@code dryRun=true} reports without keeping anything. */
    @PostMapping(path = "/api/contacts/import", consumes = {"text/csv", "text/plain"})
    ContactImport.Report importContacts(@RequestBody String csv, @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.run(csv, dryRun, CurrentUsers.require());
    }

    /** The first sheet of an Excel workbook as the body, columns as for CSV. */
    @PostMapping(path = "/api/contacts/import",
            consumes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ContactImport.Report importContactsXlsx(@RequestBody byte[] xlsx,
                                            @RequestParam(defaultValue = "false") boolean dryRun) {
        return imports.runXlsx(xlsx, dryRun, CurrentUsers.require());
    }

    @GetMapping("/api/organisations")
    PageResponse<Organisations.OrganisationView> organisations(@RequestParam(required = false) String q,
                                                               @RequestParam(defaultValue = "0") int page,
                                                               @RequestParam(defaultValue = "50") int size) {
        return organisations.list(q, page, size, CurrentUsers.require());
    }

    @GetMapping("/api/organisations/{id}")
    Organisations.OrganisationView organisation(@PathVariable long id) {
        return organisations.get(id, CurrentUsers.require());
    }

    @PostMapping("/api/organisations")
    ResponseEntity<Organisations.OrganisationView> create(@RequestBody OrganisationInput body) {
        var created = organisations.create(body, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/organisations/" + created.id())).body(created);
    }

    @PutMapping("/api/organisations/{id}")
    Organisations.OrganisationView update(@PathVariable long id, @RequestBody OrganisationInput body) {
        return organisations.update(id, body, CurrentUsers.require());
    }

    @GetMapping("/api/contacts")
    PageResponse<Contacts.ContactView> contacts(@RequestParam(required = false) String q,
                                                @RequestParam(required = false) Long organisationId,
                                                @RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "50") int size) {
        return contacts.list(q, organisationId, page, size, CurrentUsers.require());
    }

    @GetMapping("/api/contacts/{id}")
    Contacts.ContactView contact(@PathVariable long id) {
        return contacts.get(id, CurrentUsers.require());
    }

    @PostMapping("/api/contacts")
    ResponseEntity<Contacts.ContactView> createContact(@RequestBody ContactInput body) {
        var created = contacts.create(body, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/contacts/" + created.id())).body(created);
    }

    @PutMapping("/api/contacts/{id}")
    Contacts.ContactView updateContact(@PathVariable long id, @RequestBody ContactInput body) {
        return contacts.update(id, body, CurrentUsers.require());
    }

    @PostMapping("/api/contacts/{id}/merge")
    Contacts.ContactView merge(@PathVariable long id, @RequestBody Contacts.MergeInput body) {
        return contacts.merge(id, body, CurrentUsers.require());
    }
}
