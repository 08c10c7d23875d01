package dev.flowdesk.asset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketAccessPolicy;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tickets and defects per asset type, model or supplier (Intrexx's defect statistics): which kind of device breaks
 * most. A defect is an incident; open means not closed, as everywhere else. Assets are those of the caller's tenant
 * ({@link TenantScope}), tickets only those of the ticket access scope, so the figures never count what the caller
 * may not see. {@code model} and {@code supplier} are the assets' custom fields of those names (the CSV/XLSX
 * import's columns), so designers' asset types need no column of their own.
 */
@Service
public class AssetStatistics {

    /** What the figures are grouped by. */
    public enum GroupBy {
        TYPE, MODEL, SUPPLIER;

        static GroupBy parse(String value) {
            if (value == null || value.isBlank()) {
                return TYPE;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid("by", "must be type, model or supplier");
            }
        }
    }

    /** One group: its key (null: assets without that field), how many assets, tickets, incidents and ratios. */
    public record Row(String key, long assets, long tickets, long openTickets, long incidents, long openIncidents,
                      BigDecimal ticketsPerAsset, BigDecimal incidentsPerAsset) {
    }

    /** {@code GET /api/assets/statistics?by=..}: the groups, most incidents per asset first. */
    public record Statistics(String by, long assets, long tickets, long incidents, List<Row> rows) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TicketAccessPolicy access;
    private final ObjectMapper json;

    AssetStatistics(NamedParameterJdbcTemplate jdbc, TicketAccessPolicy access, ObjectMapper json) {
        this.jdbc = jdbc;
        this.access = access;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Statistics of(String by, CurrentUser actor) {
        actor.requireAny("Only agents see asset statistics.", Role.AGENT);
        GroupBy groupBy = GroupBy.parse(by);
        Map<String, Object> tenantParams = new HashMap<>();
        String tenant = TenantScope.sql(actor, "a.tenant", tenantParams);
        MapSqlParameterSource params = new MapSqlParameterSource(tenantParams);
        String scope = access.scopeSql(actor, params);
        // one row per asset with its ticket counts; the grouping by a custom field happens below, in Java, because
        // PostgreSQL and H2 read JSON differently
        String sql = "SELECT a.id, a.type, a.fields_json, count(t.id) AS tickets,"
                + " count(CASE WHEN t.closed_at IS NULL THEN t.id END) AS open_tickets,"
                + " count(CASE WHEN t.type = 'INCIDENT' THEN t.id END) AS incidents,"
                + " count(CASE WHEN t.type = 'INCIDENT' AND t.closed_at IS NULL THEN t.id END) AS open_incidents"
                + " FROM asset a LEFT JOIN ticket_asset ta ON ta.asset_id = a.id"
                + " LEFT JOIN ticket t ON t.id = ta.ticket_id AND " + scope
                + " WHERE " + tenant + " GROUP BY a.id, a.type, a.fields_json";
        Map<String, long[]> groups = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        jdbc.query(sql, params, rs -> {
            String key = switch (groupBy) {
                case TYPE -> rs.getString("type");
                case MODEL -> field(rs.getString("fields_json"), "model");
                case SUPPLIER -> field(rs.getString("fields_json"), "supplier");
            };
            long[] sums = groups.computeIfAbsent(key, k -> new long[5]);
            sums[0]++;
            sums[1] += rs.getLong("tickets");
            sums[2] += rs.getLong("open_tickets");
            sums[3] += rs.getLong("incidents");
            sums[4] += rs.getLong("open_incidents");
        });
        List<Row> rows = new ArrayList<>();
        groups.forEach((key, s) -> rows.add(new Row(key, s[0], s[1], s[2], s[3], s[4], ratio(s[1], s[0]),
                ratio(s[3], s[0]))));
        rows.sort(Comparator.comparing(Row::incidentsPerAsset).reversed().thenComparing(Row::key,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return new Statistics(groupBy.name().toLowerCase(Locale.ROOT), rows.stream().mapToLong(Row::assets).sum(),
                rows.stream().mapToLong(Row::tickets).sum(), rows.stream().mapToLong(Row::incidents).sum(), rows);
    }

    private String field(String fieldsJson, String name) {
        try {
            Object value = json.readValue(fieldsJson, new TypeReference<Map<String, Object>>() { }).get(name);
            return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value).strip();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored asset JSON does not parse", e);
        }
    }

    private static BigDecimal ratio(long count, long assets) {
        return assets == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(assets), 2,
                RoundingMode.HALF_UP);
    }
}
