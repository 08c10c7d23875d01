package dev.flowdesk.mail.admin;

import dev.flowdesk.mail.inbound.Quarantine;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/mail}: the mail channel for administrators. */
@RestController
@RequestMapping("/api/admin/mail")
class MailAdminController {

    private final MailAdmin admin;

    MailAdminController(MailAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    MailAdmin.Overview overview() {
        return admin.overview(CurrentUsers.require());
    }

    @PostMapping("/mailboxes/{index}/poll")
    ResponseEntity<Void> pollNow(@PathVariable int index) {
        admin.pollNow(index, CurrentUsers.require());
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
