package dev.flowdesk.mail.outbound;

import dev.flowdesk.diff.Comparison;
import dev.flowdesk.diff.VersionEntry;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * Versions of a mail template in one language: revision 0 is the text Flowdesk ships, every save and every revert
 * after it a revision of its own ({@code mail_template_version}), so designers see who changed a mail, when and why,
 * and compare any two revisions line by line.
 */
@Service
public class TemplateVersions {

    private final MailTemplateEditor editor;
    private final TemplateOverrides overrides;

    TemplateVersions(MailTemplateEditor editor, TemplateOverrides overrides) {
        this.editor = editor;
        this.overrides = overrides;
    }

    /** Newest first, ending with the shipped revision 0; {@code current} is the text in use. */
    @Transactional(readOnly = true)
    public List<VersionEntry> versions(String name, String language, CurrentUser user) {
        requireEditor(user);
        editor.shipped(name, language);
        List<TemplateOverrides.Revision> revisions = overrides.revisions(name, language);
        List<VersionEntry> entries = new ArrayList<>();
        for (int i = 0; i < revisions.size(); i++) {
            TemplateOverrides.Revision r = revisions.get(i);
            entries.add(new VersionEntry(r.revision(), r.createdBy(), r.createdAt(), r.comment(), i == 0));
        }
        entries.add(new VersionEntry(0, "flowdesk", null, "shipped with Flowdesk", revisions.isEmpty()));
        return entries;
    }

    @Transactional(readOnly = true)
    public Comparison compare(String name, String language, int from, int to, CurrentUser user) {
        requireEditor(user);
        return Comparison.ofText("mail template " + name + " (" + language + ")", from, to,
                source(name, language, from), source(name, language, to));
    }

    private String source(String name, String language, int revision) {
        String shipped = editor.shipped(name, language);
        if (revision == 0) {
            return shipped;
        }
        return overrides.revision(name, language, revision).map(TemplateOverrides.Revision::source)
                .orElseThrow(() -> DomainException.notFound("mail template " + name + " (" + language
                        + ") version " + revision));
    }

    private static void requireEditor(CurrentUser user) {
        user.requireAny("Only designers and admins edit mail templates.", Role.DESIGNER);
    }
}
