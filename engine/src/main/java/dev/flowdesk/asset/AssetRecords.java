package dev.flowdesk.asset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Reads asset rows and says who may see them: agents and approvers see every asset of their tenant (issue 15 owns
 * the tenant rule, {@link TenantScope}); everyone else sees only the assets they own. Not yours answers 404.
 * Writes the history, the one record of every change.
 */
@Component
class AssetRecords {

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    AssetRecords(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An asset as clients see it. */
    public record AssetView(long id, String type, String name, String serial, AssetStatus status, String ownerId,
                            Long organisationId, LocalDate warrantyEnd, boolean critical, Map<String, Object> fields,
                            String tenant, long version, Instant createdAt, Instant updatedAt) {
    }

    static boolean seesAll(CurrentUser user) {
        return user.isAgent() || user.has(Role.APPROVER);
    }

    AssetView visible(long id, CurrentUser user) {
        AssetView asset = find(id);
        if (asset == null || !maySee(asset, user)) {
            throw DomainException.notFound("Asset " + id);
        }
        return asset;
    }

    static boolean maySee(AssetView asset, CurrentUser user) {
        return user.id().equals(asset.ownerId()) || seesAll(user) && TenantScope.admits(user, asset.tenant());
    }

    AssetView find(long id) {
        return jdbc.query("SELECT * FROM asset WHERE id = :id", Map.of("id", id), rows()).stream().findFirst()
                .orElse(null);
    }

    AssetView bySerial(String serial) {
        return jdbc.query("SELECT * FROM asset WHERE serial = :s", Map.of("s", serial), rows()).stream().findFirst()
                .orElse(null);
    }

    List<AssetView> query(String sql, Map<String, ?> params) {
        return jdbc.query(sql, params, rows());
    }

    RowMapper<AssetView> rows() {
        return (rs, n) -> new AssetView(rs.getLong("id"), rs.getString("type"), rs.getString("name"),
                rs.getString("serial"), AssetStatus.valueOf(rs.getString("status")), rs.getString("owner_id"),
                rs.getObject("organisation_id", Long.class), rs.getObject("warranty_end", LocalDate.class),
                rs.getBoolean("critical"), fields(rs.getString("fields_json")), rs.getString("tenant"),
                rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    void history(long assetId, String actor, String action, Map<String, ?> details, Instant at) {
        jdbc.update("INSERT INTO asset_history (asset_id, at, actor, action, details) VALUES (:id, :at, :actor,"
                + " :action, :details)", Map.of("id", assetId, "at", Timestamp.from(at), "actor", actor,
                "action", action, "details", write(details)));
    }

    /** One change of an asset: when, who, what ({@code CREATED}, {@code CHANGED}, {@code RELATED}, ...) and how. */
    public record HistoryEntry(Instant at, String actor, String action, Map<String, Object> details) {
    }

    List<HistoryEntry> history(long assetId) {
        return jdbc.query("SELECT at, actor, action, details FROM asset_history WHERE asset_id = :id ORDER BY at, id",
                Map.of("id", assetId), (rs, n) -> new HistoryEntry(rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), fields(rs.getString("details"))));
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw DomainException.invalid("fields", "cannot be stored as JSON");
        }
    }

    private Map<String, Object> fields(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored asset JSON does not parse", e);
        }
    }
}
