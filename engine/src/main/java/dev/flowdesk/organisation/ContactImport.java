package dev.flowdesk.organisation;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.organisation.Contacts.ContactView;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.text.CsvRows;
import dev.flowdesk.text.XlsxRows;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CSV and XLSX import of contacts, keyed by e-mail address (columns email, name, organisationId, vip, language, phone): a new
 * address creates a contact, a known one updates its contact where a cell says something new (a blank cell keeps
 * the stored value), so running the same file twice changes nothing. Bad rows are rejected with their reason; the
 * file is one transaction, and a dry run rolls the same work back.
 */
@Service
public class ContactImport {

    static final int MAX_ROWS = 20_000;

    private final Contacts contacts;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ContactImport(Contacts contacts, NamedParameterJdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(tx);
    }

    /** What happened to one row: CREATED, UPDATED, UNCHANGED or REJECTED (with the reason). */
    public record RowResult(int line, String email, String outcome, String reason) {
    }

    public record Report(boolean dryRun, int rows, int created, int updated, int unchanged, List<RowResult> rejected,
                         List<RowResult> results) {
    }

    public Report run(String csv, boolean dryRun, CurrentUser actor) {
        actor.requireAny("Only agents import contacts.", Role.AGENT);
        return run(CsvRows.parse(csv, MAX_ROWS), "CSV", dryRun, actor);
    }

    /** The same import from the first sheet of an Excel workbook (first row: the columns). */
    public Report runXlsx(byte[] xlsx, boolean dryRun, CurrentUser actor) {
        actor.requireAny("Only agents import contacts.", Role.AGENT);
        return run(XlsxRows.parse(xlsx, MAX_ROWS), "workbook", dryRun, actor);
    }

    private Report run(List<CsvRows.Row> rows, String what, boolean dryRun, CurrentUser actor) {
        if (!rows.isEmpty() && !rows.get(0).values().containsKey("email")) {
            throw DomainException.badRequest("The " + what + " needs an 'email' column: it is what makes a rerun safe.");
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
        String email = row.get("email") == null ? null : row.get("email").toLowerCase(Locale.ROOT);
        if (email == null) {
            return new RowResult(row.line(), null, "REJECTED", "email is required: it is the key of the import");
        }
        Integer earlier = seen.putIfAbsent(email, row.line());
        if (earlier != null) {
            return new RowResult(row.line(), email, "REJECTED", "email " + email + " is already in line " + earlier);
        }
        try {
            String vip = row.get("vip");
            if (vip != null && !Set.of("true", "false", "yes", "no", "1", "0").contains(vip.toLowerCase(Locale.ROOT))) {
                throw DomainException.invalid("vip", "must be true or false");
            }
            Long organisationId = null;
            if (row.get("organisationId") != null) {
                try {
                    organisationId = Long.parseLong(row.get("organisationId"));
                } catch (NumberFormatException e) {
                    throw DomainException.invalid("organisationId", "must be the id of an organisation");
                }
            }
            Long contactId = jdbc.query("SELECT contact_id FROM contact_email WHERE email = :e", Map.of("e", email),
                    rs -> rs.next() ? rs.getLong(1) : null);
            ContactView existing = contactId == null ? null : contacts.find(contactId);
            if (existing != null && !TenantScope.admits(actor, existing.tenant())) {
                throw DomainException.invalid("email", "belongs to a contact you may not change");
            }
            ContactInput input = new ContactInput(
                    or(row.get("name"), existing == null ? null : existing.name()),
                    existing == null ? List.of(email) : existing.emails(),
                    organisationId != null ? organisationId : existing == null ? null : existing.organisationId(),
                    vip != null ? Set.of("true", "yes", "1").contains(vip.toLowerCase(Locale.ROOT))
                            : existing != null && existing.vip(),
                    or(row.get("language"), existing == null ? null : existing.language()),
                    or(row.get("phone"), existing == null ? null : existing.phone()),
                    existing == null ? null : existing.version());
            if (existing == null) {
                contacts.insert(input.checked(), actor);
                return new RowResult(row.line(), email, "CREATED", null);
            }
            ContactInput checked = input.checked();
            if (Objects.equals(checked.name(), existing.name())
                    && Objects.equals(checked.organisationId(), existing.organisationId())
                    && checked.vip() == existing.vip() && Objects.equals(checked.language(), existing.language())
                    && Objects.equals(checked.phone(), existing.phone())) {
                return new RowResult(row.line(), email, "UNCHANGED", null);
            }
            contacts.change(existing, checked, actor);
            return new RowResult(row.line(), email, "UPDATED", null);
        } catch (DomainException.Invalid invalid) {
            return new RowResult(row.line(), email, "REJECTED", invalid.getMessage());
        }
    }

    private static String or(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static int count(List<RowResult> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
