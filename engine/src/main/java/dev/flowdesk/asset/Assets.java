package dev.flowdesk.asset;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.flowdesk.asset.AssetInput.AssetData;
import dev.flowdesk.asset.AssetRecords.AssetView;
import dev.flowdesk.asset.AssetRecords.HistoryEntry;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.organisation.Organisations;
import dev.flowdesk.organisation.TenantScope;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.PageResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Assets and configuration items: agents list, create, change and relate them; requesters see their own devices.
 * Status moves along {@link AssetStatus}'s lifecycle (400 otherwise); every change is one transaction with its
 * history row; a stale version answers 409.
 */
@Service
public class Assets {

    private final NamedParameterJdbcTemplate jdbc;
    private final AssetRecords records;
    private final TicketAssets tickets;
    private final Organisations organisations;
    private final AssetTypes types;
    private final Clock clock;

    Assets(NamedParameterJdbcTemplate jdbc, AssetRecords records, TicketAssets tickets, Organisations organisations,
           AssetTypes types, Clock clock) {
        this.types = types;
        this.jdbc = jdbc;
        this.records = records;
        this.tickets = tickets;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** A relation seen from one asset: OUT when this asset is the source ({@code this RUNS_ON other}). */
    public record RelationView(long id, RelationType type, String direction, long otherId, String otherType,
                               String otherName, AssetStatus otherStatus) {
    }

    /** {@code POST /api/assets/{id}/relations}. */
    public record RelationInput(String type, Long targetId) {
    }

    /** An asset with its relations, its tickets (those the caller may see) and its history. */
    public record AssetDetail(@JsonUnwrapped AssetView asset, List<RelationView> relations,
                              List<TicketSummary> tickets, List<HistoryEntry> history) {
    }

    /**
     * One page of the assets the caller may see, ordered by type, name and id, with the total; narrowed by
     * {@code q} (name or serial) and {@code type}. Requesters (and {@code mine}) get only their own devices.
     */
    @Transactional(readOnly = true)
    public PageResponse<AssetView> list(boolean mine, String q, String type, int page, int size, CurrentUser actor) {
        PageResponse.check(page, size);
        Map<String, Object> params = new HashMap<>();
        // her own devices are hers whatever their tenant; everything else within the tenant scope
        StringBuilder where = new StringBuilder(AssetRecords.seesAll(actor)
                ? TenantScope.sql(actor, "tenant", params) : "1 = 1");
        if (mine || !AssetRecords.seesAll(actor)) {
            where.append(" AND owner_id = :owner");
            params.put("owner", actor.id());
        }
        if (q != null && !q.isBlank()) {
            where.append(" AND (lower(name) LIKE :q OR lower(serial) LIKE :q)");
            params.put("q", "%" + q.strip().toLowerCase(Locale.ROOT) + "%");
        }
        if (type != null && !type.isBlank()) {
            where.append(" AND type = :type");
            params.put("type", type.strip().toLowerCase(Locale.ROOT));
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM asset WHERE " + where, params, Long.class);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return new PageResponse<>(records.query("SELECT * FROM asset WHERE " + where
                + " ORDER BY type, name, id LIMIT :limit OFFSET :offset", params), page, size, total == null ? 0 : total);
    }

    @Transactional(readOnly = true)
    public AssetDetail get(long id, CurrentUser actor) {
        AssetView asset = records.visible(id, actor);
        return new AssetDetail(asset, relations(id), tickets.ofAsset(id, actor, false),
                AssetRecords.seesAll(actor) ? records.history(id) : List.of());
    }

    @Transactional
    public AssetDetail create(AssetInput input, CurrentUser actor) {
        actor.requireAny("Only agents register assets.", Role.AGENT);
        AssetData data = typed(input.checked());
        long id = insert(data, tenantOf(data.organisationId(), actor), actor.id());
        return get(id, actor);
    }

    /**
     * The asset with its custom fields checked against its type's form (400 at {@code type} for an unknown type, at
     * {@code fields.<key>} for a wrong value); the import checks each row so too.
     */
    AssetData typed(AssetData data) {
        return data.withFields(types.checkFields(data.type(), data.fields()));
    }

    /** Inserts a checked asset with its CREATED history row (the import uses it too). */
    long insert(AssetData data, String tenant, String actor) {
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.update("INSERT INTO asset (type, name, serial, status, owner_id, organisation_id, warranty_end,"
                    + " critical, fields_json, tenant, version, created_at, updated_at) VALUES (:type, :name, :serial,"
                    + " :status, :owner, :org, :warranty, :critical, :fields, :tenant, 0, :now, :now)",
                    params(data).addValue("tenant", tenant).addValue("now", Timestamp.from(now)), keys,
                    new String[]{"id"});
        } catch (DuplicateKeyException taken) {
            throw DomainException.invalid("serial", "another asset has serial " + data.serial());
        }
        long id = keys.getKey().longValue();
        records.history(id, actor, "CREATED", snapshot(data), now);
        return id;
    }

    @Transactional
    public AssetDetail update(long id, AssetInput input, CurrentUser actor) {
        actor.requireAny("Only agents change assets.", Role.AGENT);
        AssetView current = records.visible(id, actor);
        AssetData data = typed(input.checked());
        if (input.version() == null) {
            throw DomainException.invalid("version", "is required: the version you read");
        }
        if (current.version() != input.version()) {
            throw DomainException.conflict("Asset " + id + " was changed by someone else; load it again.");
        }
        change(current, data, tenantOf(data.organisationId(), actor), actor.id());
        return get(id, actor);
    }

    /**
     * Writes the changed values of an asset with a CHANGED history row naming each change (before, after); false
     * when nothing differs. The status must follow the lifecycle; the version guards against a concurrent change.
     */
    boolean change(AssetView current, AssetData data, String tenant, String actor) {
        if (!current.status().mayBecome(data.status())) {
            throw DomainException.invalid("status", "an asset " + current.status() + " cannot become "
                    + data.status());
        }
        Map<String, Object> before = snapshot(current);
        Map<String, Object> after = snapshot(data);
        Map<String, Object> changes = new LinkedHashMap<>();
        after.forEach((field, value) -> {
            if (!Objects.equals(String.valueOf(before.get(field)), String.valueOf(value))) {
                changes.put(field, List.of(String.valueOf(before.get(field)), String.valueOf(value)));
            }
        });
        if (changes.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        int updated;
        try {
            updated = jdbc.update("UPDATE asset SET type = :type, name = :name, serial = :serial, status = :status,"
                    + " owner_id = :owner, organisation_id = :org, warranty_end = :warranty, critical = :critical,"
                    + " fields_json = :fields, tenant = :tenant, version = version + 1, updated_at = :now"
                    + " WHERE id = :id AND version = :version", params(data).addValue("tenant", tenant)
                    .addValue("now", Timestamp.from(now)).addValue("id", current.id())
                    .addValue("version", current.version()));
        } catch (DuplicateKeyException taken) {
            throw DomainException.invalid("serial", "another asset has serial " + data.serial());
        }
        if (updated == 0) {
            throw DomainException.conflict("Asset " + current.id() + " was changed by someone else; load it again.");
        }
        records.history(current.id(), actor, "CHANGED", changes, now);
        return true;
    }

    @Transactional
    public AssetDetail relate(long id, RelationInput input, CurrentUser actor) {
        actor.requireAny("Only agents relate assets.", Role.AGENT);
        records.visible(id, actor);
        if (input == null || input.type() == null) {
            throw DomainException.invalid("type", "is required: RUNS_ON, DEPENDS_ON, PART_OF or CONNECTED_TO");
        }
        RelationType type = RelationType.parse(input.type(), "type");
        if (input.targetId() == null || input.targetId() == id) {
            throw DomainException.invalid("targetId", "is required: another asset");
        }
        AssetView target = records.find(input.targetId());
        if (target == null || !AssetRecords.maySee(target, actor)) {
            throw DomainException.invalid("targetId", "no asset " + input.targetId());
        }
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO asset_relation (source_id, type, target_id, created_by, created_at) VALUES"
                    + " (:source, :type, :target, :actor, :now)", Map.of("source", id, "type", type.name(),
                    "target", target.id(), "actor", actor.id(), "now", Timestamp.from(now)));
        } catch (DuplicateKeyException exists) {
            throw DomainException.conflict("Asset " + id + " already " + type + " asset " + target.id());
        }
        records.history(id, actor.id(), "RELATED", Map.of("type", type.name(), "targetId", target.id(),
                "target", target.name()), now);
        records.history(target.id(), actor.id(), "RELATED", Map.of("type", type.name(), "sourceId", id,
                "direction", "IN"), now);
        return get(id, actor);
    }

    private List<RelationView> relations(long id) {
        return jdbc.query("SELECT r.id, r.type, CASE WHEN r.source_id = :id THEN 'OUT' ELSE 'IN' END AS direction,"
                + " a.id AS other_id, a.type AS other_type, a.name AS other_name, a.status AS other_status"
                + " FROM asset_relation r JOIN asset a ON a.id = CASE WHEN r.source_id = :id THEN r.target_id"
                + " ELSE r.source_id END WHERE r.source_id = :id OR r.target_id = :id ORDER BY r.type, a.name",
                Map.of("id", id), (rs, n) -> new RelationView(rs.getLong("id"),
                        RelationType.valueOf(rs.getString("type")), rs.getString("direction"), rs.getLong("other_id"),
                        rs.getString("other_type"), rs.getString("other_name"),
                        AssetStatus.valueOf(rs.getString("other_status"))));
    }

    /** The tenant of an asset is its organisation's; an unknown organisation is invalid input. */
    String tenantOf(Long organisationId, CurrentUser actor) {
        if (organisationId == null) {
            return actor.tenant();
        }
        return organisations.visible(organisationId, actor).orElseThrow(() ->
                DomainException.invalid("organisationId", "no organisation " + organisationId)).tenant();
    }

    private MapSqlParameterSource params(AssetData data) {
        return new MapSqlParameterSource().addValue("type", data.type()).addValue("name", data.name())
                .addValue("serial", data.serial()).addValue("status", data.status().name())
                .addValue("owner", data.ownerId()).addValue("org", data.organisationId())
                .addValue("warranty", data.warrantyEnd() == null ? null : Date.valueOf(data.warrantyEnd()))
                .addValue("critical", data.critical()).addValue("fields", records.write(data.fields()));
    }

    private static Map<String, Object> snapshot(AssetData d) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", d.type());
        s.put("name", d.name());
        s.put("serial", d.serial());
        s.put("status", d.status().name());
        s.put("ownerId", d.ownerId());
        s.put("organisationId", d.organisationId());
        s.put("warrantyEnd", d.warrantyEnd() == null ? null : d.warrantyEnd().toString());
        s.put("critical", d.critical());
        s.put("fields", new java.util.TreeMap<>(d.fields()));
        return s;
    }

    private static Map<String, Object> snapshot(AssetView v) {
        return snapshot(new AssetData(v.type(), v.name(), v.serial(), v.status(), v.ownerId(), v.organisationId(),
                v.warrantyEnd(), v.critical(), v.fields()));
    }
}
