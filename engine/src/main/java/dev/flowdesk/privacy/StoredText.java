package dev.flowdesk.privacy;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every text column of the database, Flowdesk's and Camunda's alike, read from the database's own catalogue rather
 * than from a list in code: a column added by a later feature (or a Camunda upgrade) is covered without anyone
 * remembering to add it here. {@link #rewrite} replaces a person's identifiers in every value that holds one, in the
 * caller's transaction, and says how many rows of which column changed (or would change, on a dry run).
 * <p>
 * Left alone: Flyway's and Quartz's own tables, Spring Session's (sessions are deleted, not rewritten), the privacy
 * key, and Camunda's deployments, properties, groups and tenants (definitions and names of the desk, not of people).
 * A value is rewritten by value ({@code update t set c = new where c = old}), so tables without a primary key work;
 * a table with a {@code version} column gets it raised, so an edit that read the old row answers 409 instead of
 * writing the old name back.
 */
@Component
class StoredText {

    private static final Set<String> SKIPPED_TABLES = Set.of("flyway_schema_history", "privacy_key",
            "spring_session", "spring_session_attributes", "act_ge_property", "act_ge_schema_log", "act_id_group",
            "act_id_tenant");
    private static final List<String> SKIPPED_PREFIXES = List.of("qrtz_", "act_re_");
    private static final Set<Integer> TEXT_TYPES = Set.of(Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.NCHAR,
            Types.LONGVARCHAR, Types.LONGNVARCHAR);

    private final JdbcTemplate jdbc;
    private volatile List<TextColumn> columns;

    StoredText(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One text column; {@code size} its maximal length, {@code versioned} whether its table has {@code version}. */
    record TextColumn(String table, String column, int size, boolean versioned) {
        String name() {
            return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Replaces the person's identifiers in every text column: rows changed per {@code table.column}, in name order;
     * only columns with changes are listed. With {@code dryRun} nothing is written.
     */
    Map<String, Integer> rewrite(Person person, boolean dryRun) {
        Map<String, Integer> changes = new TreeMap<>();
        for (TextColumn column : columns()) {
            int rows = rewrite(column, person, dryRun);
            if (rows > 0) {
                changes.put(column.name(), rows);
            }
        }
        return changes;
    }

    private int rewrite(TextColumn column, Person person, boolean dryRun) {
        int rows = 0;
        String target = quote(column.table()) + " SET " + quote(column.column()) + " = ?"
                + (column.versioned() ? ", version = version + 1" : "");
        for (String old : candidates(column, person)) {
            String replaced = person.replace(old);
            if (replaced.equals(old)) {
                continue;
            }
            if (replaced.length() > column.size()) {
                replaced = replaced.substring(0, column.size());
            }
            rows += dryRun
                    ? count(column, old)
                    : jdbc.update("UPDATE " + target + " WHERE " + quote(column.column()) + " = ?", replaced, old);
        }
        return rows;
    }

    private int count(TextColumn column, String value) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM " + quote(column.table()) + " WHERE "
                + quote(column.column()) + " = ?", Integer.class, value);
        return n == null ? 0 : n;
    }

    /** The distinct values of the column that the LIKE pre-filter admits. */
    private List<String> candidates(TextColumn column, Person person) {
        String c = quote(column.column());
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (String pattern : person.likePatterns()) {
            conditions.add("lower(" + c + ") LIKE ? ESCAPE '\\'");
            params.add(pattern);
        }
        if (person.idLikePattern() != null) {
            conditions.add(c + " LIKE ? ESCAPE '\\'");
            params.add(person.idLikePattern());
        }
        if (conditions.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("SELECT DISTINCT " + c + " FROM " + quote(column.table()) + " WHERE "
                + String.join(" OR ", conditions), String.class, params.toArray());
    }

    List<TextColumn> columns() {
        List<TextColumn> known = columns;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<List<TextColumn>>) connection -> {
                DatabaseMetaData meta = connection.getMetaData();
                String schema = connection.getSchema();
                Set<String> tables = new HashSet<>();
                try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
                Set<String> versioned = new HashSet<>();
                List<TextColumn> found = new ArrayList<>();
                try (ResultSet rs = meta.getColumns(connection.getCatalog(), schema, "%", "%")) {
                    while (rs.next()) {
                        String table = rs.getString("TABLE_NAME");
                        String column = rs.getString("COLUMN_NAME");
                        if (!tables.contains(table) || skipped(table)) {
                            continue;
                        }
                        if (column.equalsIgnoreCase("version")) {
                            versioned.add(table);
                        }
                        boolean generated = "YES".equalsIgnoreCase(generated(rs));
                        if (TEXT_TYPES.contains(rs.getInt("DATA_TYPE")) && !generated) {
                            found.add(new TextColumn(table, column, rs.getInt("COLUMN_SIZE"), false));
                        }
                    }
                }
                return found.stream().map(c -> new TextColumn(c.table(), c.column(),
                        c.size() <= 0 ? Integer.MAX_VALUE : c.size(), versioned.contains(c.table()))).toList();
            });
            columns = known;
        }
        return known;
    }

    private static String generated(ResultSet rs) {
        try {
            return rs.getString("IS_GENERATEDCOLUMN");
        } catch (java.sql.SQLException notReported) {
            return "NO";
        }
    }

    private static boolean skipped(String table) {
        String name = table.toLowerCase(Locale.ROOT);
        return SKIPPED_TABLES.contains(name) || SKIPPED_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
