package dev.flowdesk.classification;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.rules.table.RuleTable;
import dev.flowdesk.rules.table.TableCheck;
import dev.flowdesk.rules.table.TableContext;
import dev.flowdesk.rules.table.TableCsv;
import dev.flowdesk.rules.table.TableDrl;
import dev.flowdesk.rules.table.TableJson;
import dev.flowdesk.rules.table.TableProblem;
import dev.flowdesk.rules.table.TableValidationException;
import dev.flowdesk.rules.table.TableXlsx;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.stereotype.Service;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Rule sets as decision tables, the designers' way to change rules: a table (JSON from the editor, or a CSV or XLSX
 * file from a spreadsheet) is checked cell by cell, turned into DRL on the server and stored as a draft version
 * through {@link RuleSets}, so test, replay, activation and roll-back are the ones DRL versions have. A table holds
 * no code, so designers need no {@code rule-developer} membership for it, and switching raw DRL off leaves tables on.
 */
@Service
public class RuleSetTables {

    private final RuleSets ruleSets;
    private final RuleSetEventRepository events;
    private final Clock clock;

    RuleSetTables(RuleSets ruleSets, RuleSetEventRepository events, Clock clock) {
        this.ruleSets = ruleSets;
        this.events = events;
        this.clock = clock;
    }

    /** Checks the table (400 naming table, row and column of each bad cell), generates its DRL and stores both. */
    public RuleSets.VersionDetail upload(String name, RuleTable table, String comment, CurrentUser user) {
        requireDesigner(user);
        RuleSets.checkNameAndComment(name, comment);
        if (table == null) {
            throw DomainException.invalid("table", "is missing: send {\"format\":\"table\",\"table\":{\"tables\":[...]}}");
        }
        TableContext context = ruleSets.tableContext();
        TableCheck.Result checked = TableCheck.check(table, context);
        if (!checked.ok()) {
            refuse(name, user, checked.errors(), "table.");
        }
        String drl;
        try {
            drl = TableDrl.generate(name, table, context);
        } catch (TableValidationException e) {
            throw refuse(name, user, e.problems(), "table.");
        }
        return ruleSets.storeDraft(name, RuleSetVersion.Format.TABLE, TableJson.write(table), drl, comment, user);
    }

    /** Reads a CSV or XLSX file (by its name's extension) and stores its table like {@link #upload}. */
    public RuleSets.VersionDetail importFile(String name, String fileName, byte[] content, String comment,
                                             CurrentUser user) {
        requireDesigner(user);
        RuleSets.checkNameAndComment(name, comment);
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        RuleTable table;
        try {
            if (lower.endsWith(".csv")) {
                table = TableCsv.read(utf8(content));
            } else if (lower.endsWith(".xlsx")) {
                table = TableXlsx.read(content);
            } else {
                throw DomainException.invalid("file", "send a .csv or .xlsx file exported from a rule table");
            }
        } catch (TableValidationException e) {
            throw refuse(name, user, e.problems(), "");
        }
        return upload(name, table, comment, user);
    }

    /** The table of a version as CSV; 404 when the version is DRL text. */
    public String exportCsv(String name, int version, CurrentUser user) {
        return TableCsv.write(tableOf(name, version, user));
    }

    /** The table of a version as an XLSX workbook; 404 when the version is DRL text. */
    public byte[] exportXlsx(String name, int version, CurrentUser user) {
        return TableXlsx.write(tableOf(name, version, user));
    }

    /** The table Flowdesk ships for one of its rule sets: where a designer starts when the live version is DRL. */
    public RuleTable shipped(String name, CurrentUser user) {
        requireDesigner(user);
        RuleTable table = TableJson.shipped().get(name);
        if (table == null) {
            throw DomainException.notFound("shipped table of rule set " + name);
        }
        return table;
    }

    private RuleTable tableOf(String name, int version, CurrentUser user) {
        requireDesigner(user);
        RuleSetVersion stored = ruleSets.version(name, version);
        if (stored.getFormat() != RuleSetVersion.Format.TABLE) {
            throw DomainException.notFound("table of rule set " + name + " version " + version
                    + " (it is DRL text)");
        }
        return parseStored(stored);
    }

    static RuleTable parseStored(RuleSetVersion version) {
        try {
            return TableJson.read(version.getTableJson());
        } catch (TableValidationException e) {
            throw new IllegalStateException("stored table of " + version.getName() + " version "
                    + version.getRuleVersion() + " does not read: " + e.getMessage(), e);
        }
    }

    /** A table problem as a field error: the path into the request, the message naming table, row and column. */
    static DomainException.FieldError fieldError(TableProblem problem) {
        return fieldError(problem, "table.");
    }

    private static DomainException.FieldError fieldError(TableProblem problem, String prefix) {
        return new DomainException.FieldError(problem.path().equals("file") ? "file" : prefix + problem.path(),
                problem.toString());
    }

    private DomainException refuse(String name, CurrentUser user, List<TableProblem> problems, String prefix) {
        events.save(new RuleSetEvent(name, null, clock.instant(), user.id(), "REFUSED", abbreviate(
                problems.stream().map(TableProblem::toString).collect(Collectors.joining("; ")))));
        throw DomainException.invalid(problems.stream().map(p -> fieldError(p, prefix)).toList());
    }

    private static String utf8(byte[] content) throws TableValidationException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new TableValidationException(List.of(new TableProblem("", 0, null, "file",
                    "the CSV file is not UTF-8 text; save it as \"CSV UTF-8\"")));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 3900 ? text.substring(0, 3900) + "..." : text;
    }

    private static void requireDesigner(CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
    }
}
