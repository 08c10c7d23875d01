package dev.flowdesk.classification;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.rules.table.RuleTable;
import dev.flowdesk.rules.table.TableJson;
import dev.flowdesk.rules.table.TableValidationException;
import dev.flowdesk.security.CurrentUser;
import org.springframework.stereotype.Service;

import java.util.Objects;

/**
 * A rule set arriving in a configuration archive: it goes through the very upload a designer makes (a table is
 * checked cell by cell and generated into DRL; DRL text needs the {@code rule-developer} group and passes the
 * structure check and the compiler) and is then activated, all in the caller's transaction. The in-memory swap of
 * the rule base follows the commit, as for every activation.
 */
@Service
public class RuleSetImport {

    private final RuleSets ruleSets;
    private final RuleSetTables tables;
    private final RuleSetVersions versions;

    RuleSetImport(RuleSets ruleSets, RuleSetTables tables, RuleSetVersions versions) {
        this.ruleSets = ruleSets;
        this.tables = tables;
        this.versions = versions;
    }

    /** Whether the archive's rule set equals the active version (format and content; tables compared as tables). */
    public boolean sameAsActive(String name, String format, String content) {
        return versions.active(name).map(active -> active.format().equals(format)
                && Objects.equals(normal(format, active.content()), normal(format, content))).orElse(false);
    }

    /** Whether a rule set of this name exists at all. */
    public boolean exists(String name) {
        return versions.active(name).isPresent();
    }

    /** Stores the rule set as a new version and activates it; 400 with the upload's problems otherwise. */
    public int importAndActivate(String name, String format, String content, String comment, CurrentUser user) {
        RuleSets.VersionDetail stored = switch (format) {
            case "table" -> tables.upload(name, table(content), comment, user);
            case "drl" -> ruleSets.upload(name, content, comment, user);
            default -> throw DomainException.invalid("format", "is \"table\" or \"drl\"");
        };
        int version = stored.version().version();
        ruleSets.activate(name, version, user);
        return version;
    }

    private static RuleTable table(String json) {
        try {
            return TableJson.read(json);
        } catch (TableValidationException e) {
            throw DomainException.invalid(e.problems().stream().map(RuleSetTables::fieldError).toList());
        }
    }

    private static String normal(String format, String content) {
        if (!"table".equals(format)) {
            return content == null ? null : content.replace("\r\n", "\n").strip();
        }
        try {
            return TableJson.write(TableJson.read(content));
        } catch (TableValidationException e) {
            return content;
        }
    }
}
