package dev.flowdesk.asset;

import dev.flowdesk.asset.AssetRecords.AssetView;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketAccessPolicy;
import dev.flowdesk.ticket.TicketConfigurationItems;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tickets and their configuration items: agents link CIs to tickets they may see (404 otherwise); a ticket shows its
 * CIs with their other open tickets; a new ticket's asset picker links its CI at creation, and a critical CI is
 * what the rules see as {@code configurationItem.criticality == "BUSINESS_CRITICAL"}. Tickets are always shown
 * through the ticket access scope.
 */
@Service
public class TicketAssets implements TicketConfigurationItems {

    /** What the rules call a CI that the business cannot do without (priority.drl raises such tickets). */
    static final String BUSINESS_CRITICAL = "BUSINESS_CRITICAL";

    private final NamedParameterJdbcTemplate jdbc;
    private final AssetRecords records;
    private final TicketAccessPolicy access;
    private final TicketQueries queries;
    private final DependantWalk walk;
    private final Clock clock;

    TicketAssets(NamedParameterJdbcTemplate jdbc, AssetRecords records, TicketAccessPolicy access,
                 TicketQueries queries, DependantWalk walk, Clock clock) {
        this.walk = walk;
        this.jdbc = jdbc;
        this.records = records;
        this.access = access;
        this.queries = queries;
        this.clock = clock;
    }

    /** A CI of a ticket with the other open tickets on it that the caller may see. */
    public record TicketAsset(AssetView asset, List<TicketSummary> otherOpenTickets) {
    }

    /** {@code POST /api/tickets/{id}/assets}. */
    public record LinkInput(Long assetId) {
    }

    @Transactional
    public List<TicketAsset> link(long ticketId, LinkInput input, CurrentUser actor) {
        queries.get(ticketId, actor); // 404 outside the caller's scope
        actor.requireAny("Only agents link configuration items to tickets.", Role.AGENT);
        if (input == null || input.assetId() == null) {
            throw DomainException.invalid("assetId", "is required");
        }
        AssetView asset = records.find(input.assetId());
        if (asset == null || !AssetRecords.maySee(asset, actor)) {
            throw DomainException.invalid("assetId", "no asset " + input.assetId());
        }
        insert(ticketId, asset.id(), actor.id());
        return ofTicket(ticketId, actor);
    }

    /**
     * Removes a CI from a ticket (agents who may see the ticket; 404 when the CI is not linked to it), with a
     * TICKET_UNLINKED history row on the asset. The rules' decision already taken stays as it is.
     */
    @Transactional
    public List<TicketAsset> unlink(long ticketId, long assetId, CurrentUser actor) {
        queries.get(ticketId, actor); // 404 outside the caller's scope
        actor.requireAny("Only agents unlink configuration items from tickets.", Role.AGENT);
        AssetView asset = records.find(assetId);
        int removed = asset == null || !AssetRecords.maySee(asset, actor) ? 0
                : jdbc.update("DELETE FROM ticket_asset WHERE ticket_id = :t AND asset_id = :a",
                Map.of("t", ticketId, "a", assetId));
        if (removed == 0) {
            throw DomainException.notFound("Asset " + assetId + " on ticket " + ticketId);
        }
        records.history(assetId, actor.id(), "TICKET_UNLINKED", Map.of("ticketId", ticketId), clock.instant());
        return ofTicket(ticketId, actor);
    }

    @Transactional(readOnly = true)
    public List<TicketAsset> ofTicket(long ticketId, CurrentUser actor) {
        queries.get(ticketId, actor);
        List<AssetView> assets = records.query("SELECT a.* FROM asset a JOIN ticket_asset t ON t.asset_id = a.id"
                + " WHERE t.ticket_id = :t ORDER BY a.critical DESC, a.name", Map.of("t", ticketId));
        Map<Long, List<TicketSummary>> open = openTickets(assets.stream().map(AssetView::id).toList(), actor);
        return assets.stream().map(a -> new TicketAsset(a, open.getOrDefault(a.id(), List.of()).stream()
                .filter(t -> t.id() != ticketId).toList())).toList();
    }

    /** The tickets of an asset that the caller may see, newest first; only open ones if asked. */
    List<TicketSummary> ofAsset(long assetId, CurrentUser actor, boolean openOnly) {
        List<Long> ids = jdbc.queryForList("SELECT ticket_id FROM ticket_asset WHERE asset_id = :a",
                Map.of("a", assetId), Long.class);
        return queries.summaries(ids).values().stream()
                .filter(t -> !openOnly || !TicketLookup.isOver(t.status()))
                .filter(t -> access.maySee(t.id(), actor))
                .sorted(Comparator.comparing(TicketSummary::createdAt).reversed()).toList();
    }

    /** The open tickets the caller may see per asset, in few queries. */
    Map<Long, List<TicketSummary>> openTickets(Collection<Long> assetIds, CurrentUser actor) {
        return openTickets(assetIds, t -> access.maySee(t.id(), actor));
    }

    /** The open tickets per asset that {@code shown} admits. */
    Map<Long, List<TicketSummary>> openTickets(Collection<Long> assetIds,
                                               java.util.function.Predicate<TicketSummary> shown) {
        Map<Long, List<TicketSummary>> byAsset = new LinkedHashMap<>();
        if (assetIds.isEmpty()) {
            return byAsset;
        }
        List<long[]> links = jdbc.query("SELECT asset_id, ticket_id FROM ticket_asset WHERE asset_id IN (:ids)",
                Map.of("ids", assetIds), (rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)});
        Map<Long, TicketSummary> summaries = queries.summaries(links.stream().map(l -> l[1]).distinct().toList());
        for (long[] link : links) {
            TicketSummary t = summaries.get(link[1]);
            if (t != null && !TicketLookup.isOver(t.status()) && shown.test(t)) {
                byAsset.computeIfAbsent(link[0], k -> new ArrayList<>()).add(t);
            }
        }
        byAsset.values().forEach(l -> l.sort(Comparator.comparing(TicketSummary::createdAt)));
        return byAsset;
    }

    @Override
    public TicketFacts.ConfigurationItem forNewTicket(Map<String, Object> fields, String requester,
                                                      CurrentUser actor) {
        Object value = fields.get(FIELD);
        if (value instanceof Map<?, ?> picked) { // a select that keeps the whole item
            value = picked.get("id");
        }
        if (value == null || String.valueOf(value).isBlank()) {
            return null;
        }
        long id;
        try {
            id = Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("fields." + FIELD, "must be the id of an asset");
        }
        AssetView asset = records.find(id);
        // a requester names only her own devices; agents any asset they see
        if (asset == null || !AssetRecords.maySee(asset, actor)) {
            throw DomainException.invalid("fields." + FIELD, "no asset " + id + " of yours");
        }
        return facts(asset.id(), asset.critical());
    }

    /**
     * What the rules see of a CI: its criticality and how many CIs depend on it (the impact analysis's walk), with
     * whether those are many by {@code flowdesk.cmdb.many-dependants}.
     */
    private TicketFacts.ConfigurationItem facts(long assetId, boolean critical) {
        int dependants = walk.dependants(assetId).size();
        return new TicketFacts.ConfigurationItem(String.valueOf(assetId), critical ? BUSINESS_CRITICAL : "MEDIUM",
                dependants, walk.many(dependants));
    }

    @Override
    public void linkNewTicket(long ticketId, TicketFacts.ConfigurationItem item, CurrentUser actor) {
        insert(ticketId, Long.parseLong(item.id()), actor.id());
    }

    /**
     * The CI of a stored ticket that weighs most for the rules: a critical one first, then the one with the most
     * dependants (a ticket has few CIs, so each is walked).
     */
    @Override
    public TicketFacts.ConfigurationItem forStoredTicket(long ticketId) {
        List<Map<String, Object>> linked = jdbc.queryForList("SELECT a.id, a.critical FROM asset a"
                + " JOIN ticket_asset t ON t.asset_id = a.id WHERE t.ticket_id = :t ORDER BY a.critical DESC, a.id",
                Map.of("t", ticketId));
        return linked.stream().map(row -> facts(((Number) row.get("id")).longValue(),
                        Boolean.TRUE.equals(row.get("critical"))))
                .min(Comparator.comparing((TicketFacts.ConfigurationItem ci) -> !BUSINESS_CRITICAL.equals(
                        ci.criticality())).thenComparing(ci -> -ci.dependants())).orElse(null);
    }

    private void insert(long ticketId, long assetId, String actor) {
        Instant now = clock.instant();
        Integer exists = jdbc.queryForObject("SELECT count(*) FROM ticket_asset WHERE ticket_id = :t AND asset_id = :a",
                Map.of("t", ticketId, "a", assetId), Integer.class);
        if (exists != null && exists > 0) {
            return; // linking twice is the same link
        }
        try {
            jdbc.update("INSERT INTO ticket_asset (ticket_id, asset_id, linked_by, linked_at) VALUES (:t, :a, :by, :at)",
                    Map.of("t", ticketId, "a", assetId, "by", actor, "at", Timestamp.from(now)));
        } catch (DuplicateKeyException concurrent) {
            throw DomainException.conflict("The asset was linked to the ticket at the same moment; load it again.");
        }
        records.history(assetId, actor, "TICKET_LINKED", Map.of("ticketId", ticketId), now);
    }
}
