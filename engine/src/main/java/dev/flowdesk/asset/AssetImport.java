package dev.flowdesk.asset;

import dev.flowdesk.asset.AssetInput.AssetData;
import dev.flowdesk.asset.AssetRecords.AssetView;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.organisation.Organisations;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.text.CsvRows;
import dev.flowdesk.text.XlsxRows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CSV and XLSX import of assets, keyed by serial: a new serial creates an asset, a known one updates it (a blank cell keeps
 * the stored value; other columns are custom fields), a row that says nothing new leaves it alone, so running the
 * same file twice changes nothing. A bad row is rejected with its reason and the others go on. The whole file is one
 * transaction; a dry run does all the same work and rolls it back, so its report is exactly what a real run does.
 */
@Service
public class AssetImport {

    static final int MAX_ROWS = 20_000;
    private static final Set<String> COLUMNS = Set.of("type", "name", "serial", "status", "ownerid",
            "organisationid", "warrantyend", "critical");

    private final Assets assets;
    private final AssetRecords records;
    private final Organisations organisations;
    private final TransactionTemplate transaction;

    AssetImport(Assets assets, AssetRecords records, Organisations organisations, PlatformTransactionManager tx) {
        this.assets = assets;
        this.records = records;
        this.organisations = organisations;
        this.transaction = new TransactionTemplate(tx);
    }

    /** What happened to one row: CREATED, UPDATED, UNCHANGED or REJECTED (with the reason). */
    public record RowResult(int line, String serial, String outcome, String reason) {
    }

    /** The import's report; {@code rejected} lists only the rejected rows, {@code results} every row. */
    public record Report(boolean dryRun, int rows, int created, int updated, int unchanged, List<RowResult> rejected,
                         List<RowResult> results) {
    }

    public Report run(String csv, boolean dryRun, CurrentUser actor) {
        actor.requireAny("Only agents import assets.", Role.AGENT);
        return run(CsvRows.parse(csv, MAX_ROWS), "CSV", dryRun, actor);
    }

    /** The same import from the first sheet of an Excel workbook (first row: the columns). */
    public Report runXlsx(byte[] xlsx, boolean dryRun, CurrentUser actor) {
        actor.requireAny("Only agents import assets.", Role.AGENT);
        return run(XlsxRows.parse(xlsx, MAX_ROWS), "workbook", dryRun, actor);
    }

    private Report run(List<CsvRows.Row> rows, String what, boolean dryRun, CurrentUser actor) {
        if (!rows.isEmpty() && rows.get(0).values().keySet().stream().noneMatch("serial"::equals)) {
            throw DomainException.badRequest("The " + what + " needs a 'serial' column: it is what makes a rerun safe.");
        }
        return transaction.execute(status -> {
            Map<String, Integer> seen = new HashMap<>();
            List<RowResult> results = new ArrayList<>();
            for (CsvRows.Row row : rows) {
                results.add(importRow(row, seen, actor));
            }
            if (dryRun) {
                status.setRollbackOnly();
            }
            return new Report(dryRun, rows.size(), count(results, "CREATED"), count(results, "UPDATED"),
                    count(results, "UNCHANGED"), results.stream().filter(r -> r.outcome().equals("REJECTED")).toList(),
                    results);
        });
    }

    private RowResult importRow(CsvRows.Row row, Map<String, Integer> seen, CurrentUser actor) {
        String serial = row.get("serial");
        if (row.values().containsKey("#extra")) {
            return rejected(row, serial, "has " + row.values().get("#extra") + " more values than the header has columns");
        }
        if (serial == null) {
            return rejected(row, null, "serial is required: it is the key of the import");
        }
        Integer earlier = seen.putIfAbsent(serial, row.line());
        if (earlier != null) {
            return rejected(row, serial, "serial " + serial + " is already in line " + earlier);
        }
        AssetView existing = records.bySerial(serial);
        if (existing != null && !(AssetRecords.maySee(existing, actor))) {
            return rejected(row, serial, "serial " + serial + " belongs to an asset you may not change");
        }
        try {
            Long organisationId = row.get("organisationId") == null ? (existing == null ? null
                    : existing.organisationId()) : parseId(row.get("organisationId"));
            String critical = row.get("critical");
            if (critical != null && !Set.of("true", "false", "yes", "no", "1", "0")
                    .contains(critical.toLowerCase(Locale.ROOT))) {
                throw DomainException.invalid("critical", "must be true or false");
            }
            Map<String, Object> fields = new LinkedHashMap<>(existing == null ? Map.of() : existing.fields());
            row.values().forEach((column, value) -> {
                if (!COLUMNS.contains(column) && !value.isBlank()) {
                    fields.put(column, value);
                }
            });
            AssetData data = new AssetInput(or(row.get("type"), existing == null ? null : existing.type()),
                    or(row.get("name"), existing == null ? null : existing.name()), serial,
                    or(row.get("status"), existing == null ? null : existing.status().name()),
                    or(row.get("ownerId"), existing == null ? null : existing.ownerId()), organisationId,
                    or(row.get("warrantyEnd"), existing == null || existing.warrantyEnd() == null ? null
                            : existing.warrantyEnd().toString()),
                    critical == null ? existing != null && existing.critical()
                            : Set.of("true", "yes", "1").contains(critical.toLowerCase(Locale.ROOT)),
                    fields, null).checked();
            data = assets.typed(data);
            String tenant = assets.tenantOf(organisationId, actor);
            if (existing == null) {
                assets.insert(data, tenant, actor.id());
                return new RowResult(row.line(), serial, "CREATED", null);
            }
            boolean changed = assets.change(existing, data, tenant, actor.id());
            return new RowResult(row.line(), serial, changed ? "UPDATED" : "UNCHANGED", null);
        } catch (DomainException.Invalid invalid) {
            return rejected(row, serial, invalid.getMessage());
        }
    }

    private static Long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("organisationId", "must be the id of an organisation");
        }
    }

    private static String or(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static RowResult rejected(CsvRows.Row row, String serial, String reason) {
        return new RowResult(row.line(), serial, "REJECTED", reason);
    }

    private static int count(List<RowResult> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
