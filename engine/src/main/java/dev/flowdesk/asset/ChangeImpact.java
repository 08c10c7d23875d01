package dev.flowdesk.asset;

import dev.flowdesk.asset.AssetRecords.AssetView;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketAccessPolicy;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The impact analysis of a ticket's CIs, as the change advisory board reads it before voting: for each CI of the
 * ticket, every CI and service that depends on it (the recursive walk of {@link AssetImpact}) with the open tickets
 * on each. Only who may see the ticket (a CAB member through her vote task) and is an agent or approver asks.
 *
 * <p>The one deliberate widening of the ticket scope: a CAB member must know that the service a change touches has
 * open incidents even when those incidents are not hers to read. She gets their number, type, status and priority
 * ({@link AffectedTicket}, {@code visible=false}) — never subject, requester or conversation; tickets she may read
 * anyway come with {@code visible=true}, so the page links them.
 */
@Service
public class ChangeImpact {

    private final TicketAssets tickets;
    private final AssetImpact impact;
    private final AssetRecords records;
    private final TicketAccessPolicy access;

    ChangeImpact(TicketAssets tickets, AssetImpact impact, AssetRecords records, TicketAccessPolicy access) {
        this.tickets = tickets;
        this.impact = impact;
        this.records = records;
        this.access = access;
    }

    /** An open ticket on an affected CI: only what the CAB needs to weigh it. */
    public record AffectedTicket(long id, String number, String type, String status, String priority,
                                 boolean visible) {
    }

    /** A CI that depends on one of the ticket's CIs, how far away, and its open tickets. */
    public record AffectedItem(long id, String type, String name, boolean critical, int distance,
                               List<AffectedTicket> openTickets) {
    }

    /** One CI of the ticket: its own other open tickets and everything that depends on it, nearest first. */
    public record CiImpact(AssetView asset, List<AffectedTicket> openTickets, List<AffectedItem> impacted) {
    }

    @Transactional(readOnly = true)
    public List<CiImpact> of(long ticketId, CurrentUser actor) {
        List<TicketAssets.TicketAsset> cis = tickets.ofTicket(ticketId, actor); // 404 outside the caller's scope
        actor.requireAny("Only agents and approvers see the impact of a ticket's CIs.", Role.AGENT, Role.APPROVER);
        List<CiImpact> result = new ArrayList<>();
        for (TicketAssets.TicketAsset ci : cis) {
            long id = ci.asset().id();
            Map<Long, Integer> distance = impact.dependants(id);
            List<Long> ids = new ArrayList<>(distance.keySet());
            ids.add(id);
            Map<Long, List<TicketSummary>> open = tickets.openTickets(ids, t -> t.id() != ticketId);
            List<AffectedItem> impacted = distance.isEmpty() ? List.of() : records.query(
                    "SELECT * FROM asset WHERE id IN (:ids)", Map.of("ids", distance.keySet())).stream()
                    .filter(a -> AssetRecords.maySee(a, actor))
                    .map(a -> new AffectedItem(a.id(), a.type(), a.name(), a.critical(), distance.get(a.id()),
                            affected(open.get(a.id()), actor)))
                    .sorted(Comparator.comparingInt(AffectedItem::distance).thenComparing(AffectedItem::type)
                            .thenComparing(AffectedItem::name))
                    .toList();
            result.add(new CiImpact(ci.asset(), affected(open.get(id), actor), impacted));
        }
        return result;
    }

    private List<AffectedTicket> affected(List<TicketSummary> open, CurrentUser actor) {
        return open == null ? List.of() : open.stream().map(t -> new AffectedTicket(t.id(), t.number(), t.type(),
                t.status(), t.priority(), access.maySee(t.id(), actor))).toList();
    }
}
