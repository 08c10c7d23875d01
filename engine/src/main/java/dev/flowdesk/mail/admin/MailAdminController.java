package dev.flowdesk.mail.admin;

import dev.flowdesk.mail.inbound.MailboxProbe;
import dev.flowdesk.mail.inbound.Quarantine;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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

/**
 * {@code /api/admin/mail}: the mail channel for administrators, with the mailboxes under {@code /mailboxes} (list,
 * read, create, change, delete, test the connection, poll now).
 */
@RestController
@RequestMapping("/api/admin/mail")
class MailAdminController {

    private final MailAdmin admin;
    private final MailboxAdmin mailboxes;

    MailAdminController(MailAdmin admin, MailboxAdmin mailboxes) {
        this.admin = admin;
        this.mailboxes = mailboxes;
    }

    @GetMapping
    MailAdmin.Overview overview() {
        return admin.overview(CurrentUsers.require());
    }

    @GetMapping("/mailboxes")
    List<MailboxAdmin.MailboxView> mailboxes() {
        return mailboxes.list(CurrentUsers.require());
    }

    @GetMapping("/mailboxes/{id}")
    MailboxAdmin.MailboxView mailbox(@PathVariable long id) {
        return mailboxes.get(id, CurrentUsers.require());
    }

    @PostMapping("/mailboxes")
    ResponseEntity<MailboxAdmin.MailboxView> create(@RequestBody MailboxInput body) {
        MailboxAdmin.MailboxView created = mailboxes.create(body, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/admin/mail/mailboxes/" + created.id())).body(created);
    }

    @PutMapping("/mailboxes/{id}")
    MailboxAdmin.MailboxView update(@PathVariable long id, @RequestBody MailboxInput body) {
        return mailboxes.update(id, body, CurrentUsers.require());
    }

    @DeleteMapping("/mailboxes/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
        mailboxes.delete(id, version, CurrentUsers.require());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/mailboxes/{id}/test")
    MailboxProbe.Probe test(@PathVariable long id) {
        return mailboxes.test(id, CurrentUsers.require());
    }

    @PostMapping("/mailboxes/{id}/poll")
    ResponseEntity<Void> pollNow(@PathVariable long id) {
        admin.pollNow(id, CurrentUsers.require());
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/quarantine")
    PageResponse<Quarantine.QuarantinedMail> quarantine(@RequestParam(defaultValue = "0") int page,
                                                        @RequestParam(defaultValue = "20") int size) {
        return admin.quarantine(page, size, CurrentUsers.require());
    }

    @DeleteMapping("/quarantine/{id}")
    ResponseEntity<Void> dismiss(@PathVariable long id) {
        admin.dismiss(id, CurrentUsers.require());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/deliveries")
    PageResponse<MailAdmin.Delivery> deliveries(@RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "20") int size) {
        return admin.problems(page, size, CurrentUsers.require());
    }
}
