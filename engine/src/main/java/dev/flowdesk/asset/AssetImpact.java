package dev.flowdesk.asset;

import dev.flowdesk.asset.AssetRecords.AssetView;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a failure or a change of one CI touches: every CI that runs on, depends on or is part of it, transitively,
 * each with its open tickets (those the caller may see). One recursive query walks the graph in the database; a
 * cycle of relations ends because a row already found is not added again (UNION) and the walk stops at
 * {@link #MAX_DEPTH} levels.
 */
@Service
public class AssetImpact {

    /** Deeper than any real service tree; bounds the walk even if the database kept re-visiting a cycle. */
    static final int MAX_DEPTH = 50;

    private static final String DEPENDANTS = """
            WITH RECURSIVE dependants (id, depth) AS (
                SELECT r.source_id, 1 FROM asset_relation r
                 WHERE r.target_id = :id AND r.type IN ('RUNS_ON', 'DEPENDS_ON', 'PART_OF')
                UNION
                SELECT r.source_id, d.depth + 1 FROM asset_relation r JOIN dependants d ON r.target_id = d.id
                 WHERE r.type IN ('RUNS_ON', 'DEPENDS_ON', 'PART_OF') AND d.depth < :max
            )
            SELECT id, min(depth) AS distance FROM dependants WHERE id <> :id GROUP BY id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final AssetRecords records;
    private final TicketAssets tickets;

    AssetImpact(NamedParameterJdbcTemplate jdbc, AssetRecords records, TicketAssets tickets) {
        this.jdbc = jdbc;
        this.records = records;
        this.tickets = tickets;
    }

    /** One affected CI: how many relations away it is and its open tickets. */
    public record ImpactedItem(long id, String type, String name, String status, boolean critical, int distance,
                               List<TicketSummary> openTickets) {
    }

    /** The CI itself with its open tickets, and everything that depends on it, nearest first. */
    public record Impact(AssetView asset, List<TicketSummary> openTickets, List<ImpactedItem> impacted) {
    }

    /** Every CI that depends on asset {@code id}, transitively, with its distance (one recursive query). */
    Map<Long, Integer> dependants(long id) {
        Map<Long, Integer> distance = new java.util.HashMap<>();
        jdbc.query(DEPENDANTS, Map.of("id", id, "max", MAX_DEPTH),
                rs -> { distance.put(rs.getLong("id"), rs.getInt("distance")); });
        return distance;
    }

    @Transactional(readOnly = true)
    public Impact of(long id, CurrentUser actor) {
        actor.requireAny("Only agents and approvers see the impact of a CI.", Role.AGENT, Role.APPROVER);
        AssetView asset = records.visible(id, actor);
        Map<Long, Integer> distance = dependants(id);
        List<Long> ids = new ArrayList<>(distance.keySet());
        ids.add(id);
        Map<Long, List<TicketSummary>> open = tickets.openTickets(ids, actor);
        List<ImpactedItem> impacted = distance.isEmpty() ? List.of() : records.query(
                "SELECT * FROM asset WHERE id IN (:ids)", Map.of("ids", distance.keySet())).stream()
                .filter(a -> AssetRecords.maySee(a, actor))
                .map(a -> new ImpactedItem(a.id(), a.type(), a.name(), a.status().name(), a.critical(),
                        distance.get(a.id()), open.getOrDefault(a.id(), List.of())))
                .sorted(java.util.Comparator.comparingInt(ImpactedItem::distance).thenComparing(ImpactedItem::type)
                        .thenComparing(ImpactedItem::name))
                .toList();
        return new Impact(asset, open.getOrDefault(id, List.of()), impacted);
    }
}
