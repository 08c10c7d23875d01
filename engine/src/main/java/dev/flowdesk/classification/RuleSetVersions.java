package dev.flowdesk.classification;

import dev.flowdesk.diff.Comparison;
import dev.flowdesk.diff.TableDiff;
import dev.flowdesk.diff.VersionEntry;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Designers list and compare the versions of a rule set: the DRL that runs, line by line, and when both versions
 * are decision tables also row by row with the changed cells, which is how a designer wrote them.
 */
@Service
public class RuleSetVersions {

    private final RuleSetVersionRepository versions;

    RuleSetVersions(RuleSetVersionRepository versions) {
        this.versions = versions;
    }

    /** Newest first; {@code current} is the active version. */
    @Transactional(readOnly = true)
    public List<VersionEntry> versions(String name, CurrentUser user) {
        requireDesigner(user);
        List<RuleSetVersion> all = versions.findByNameOrderByRuleVersionDesc(name);
        if (all.isEmpty()) {
            throw DomainException.notFound("rule set " + name);
        }
        return all.stream().map(v -> new VersionEntry(v.getRuleVersion(), v.getCreatedBy(), v.getCreatedAt(),
                v.getComment(), v.getStatus() == RuleSetVersion.Status.ACTIVE)).toList();
    }

    @Transactional(readOnly = true)
    public Comparison compare(String name, int from, int to, CurrentUser user) {
        requireDesigner(user);
        RuleSetVersion older = find(name, from);
        RuleSetVersion newer = find(name, to);
        Comparison comparison = Comparison.ofText("rule set " + name, from, to, older.getDrl(), newer.getDrl());
        if (older.getFormat() == RuleSetVersion.Format.TABLE && newer.getFormat() == RuleSetVersion.Format.TABLE) {
            comparison = comparison.withTable(TableDiff.diff(RuleSetTables.parseStored(older),
                    RuleSetTables.parseStored(newer)));
        }
        return comparison;
    }

    /**
     * The active version of a rule set as a configuration archive carries it: a table version as its table (JSON),
     * a DRL version as its text.
     */
    public record ActiveRuleSet(String name, int version, String format, String content) {
    }

    @Transactional(readOnly = true)
    public List<ActiveRuleSet> active() {
        return versions.findByStatus(RuleSetVersion.Status.ACTIVE).stream()
                .sorted(java.util.Comparator.comparing(RuleSetVersion::getName)).map(RuleSetVersions::active).toList();
    }

    @Transactional(readOnly = true)
    public java.util.Optional<ActiveRuleSet> active(String name) {
        return versions.findByNameAndStatus(name, RuleSetVersion.Status.ACTIVE).map(RuleSetVersions::active);
    }

    private static ActiveRuleSet active(RuleSetVersion v) {
        boolean table = v.getFormat() == RuleSetVersion.Format.TABLE;
        return new ActiveRuleSet(v.getName(), v.getRuleVersion(), table ? "table" : "drl",
                table ? dev.flowdesk.rules.table.TableJson.write(RuleSetTables.parseStored(v)) : v.getDrl());
    }

    private RuleSetVersion find(String name, int version) {
        return versions.findByNameAndRuleVersion(name, version)
                .orElseThrow(() -> DomainException.notFound("rule set " + name + " version " + version));
    }

    private static void requireDesigner(CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
    }
}
