package dev.flowdesk.asset;

import dev.flowdesk.asset.AssetRecords.AssetView;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a failure or a change of one CI touches: every CI that runs on, depends on or is part of it, transitively,
 * each with its open tickets (those the caller may see). {@link DependantWalk} walks the graph in one recursive
 * query.
 */
@Service
public class AssetImpact {

    private final DependantWalk walk;
    private final AssetRecords records;
    private final TicketAssets tickets;

    AssetImpact(DependantWalk walk, AssetRecords records, TicketAssets tickets) {
        this.walk = walk;
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
        return walk.dependants(id);
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
