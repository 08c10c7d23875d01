package dev.flowdesk.mail.outbound;

import dev.flowdesk.diff.Comparison;
import dev.flowdesk.diff.VersionEntry;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code /api/mail/templates}: designers and admins read, edit, preview and revert the mail templates. */
@RestController
@RequestMapping("/api/mail/templates")
class MailTemplateController {

    private final MailTemplateEditor editor;
    private final TemplateVersions versions;

    MailTemplateController(MailTemplateEditor editor, TemplateVersions versions) {
        this.editor = editor;
        this.versions = versions;
    }

    /** A save: the new source, the version it was edited from (0: the shipped one) and an optional comment. */
    record Edit(String source, Integer version, String comment) {
    }

    record PreviewRequest(String source, Long ticketId) {
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return editor.list(CurrentUsers.require());
    }

    @GetMapping("/{name}/{language}")
    MailTemplateEditor.TemplateView get(@PathVariable String name, @PathVariable String language) {
        return editor.get(name, language, CurrentUsers.require());
    }

    @PutMapping("/{name}/{language}")
    MailTemplateEditor.TemplateView save(@PathVariable String name, @PathVariable String language,
                                         @RequestBody Edit body) {
        return editor.save(name, language, body.source(), body.version(), body.comment(), CurrentUsers.require());
    }

    /** Every revision with who, when and comment; 0 is the shipped text. */
    @GetMapping("/{name}/{language}/versions")
    List<VersionEntry> versions(@PathVariable String name, @PathVariable String language) {
        return versions.versions(name, language, CurrentUsers.require());
    }

    @GetMapping("/{name}/{language}/diff")
    Comparison diff(@PathVariable String name, @PathVariable String language, @RequestParam int from,
                    @RequestParam int to) {
        return versions.compare(name, language, from, to, CurrentUsers.require());
    }

    @DeleteMapping("/{name}/{language}")
    MailTemplateEditor.TemplateView revert(@PathVariable String name, @PathVariable String language) {
        return editor.revert(name, language, CurrentUsers.require());
    }

    @PostMapping("/{name}/{language}/preview")
    MailTemplateEditor.Preview preview(@PathVariable String name, @PathVariable String language,
                                       @RequestBody PreviewRequest body) {
        return editor.preview(name, language, body.source(), body.ticketId(), CurrentUsers.require());
    }
}
