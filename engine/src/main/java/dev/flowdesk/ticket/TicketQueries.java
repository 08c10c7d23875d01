package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.sla.SlaLevel;
import dev.flowdesk.ticket.TicketViews.ActivityView;
import dev.flowdesk.ticket.TicketViews.DecisionView;
import dev.flowdesk.ticket.TicketViews.HistoryEntry;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.PageResponse;
import org.camunda.bpm.engine.HistoryService;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Reading tickets: one ticket with its decision, links and current activities; pages of tickets inside the caller's
 * {@link TicketAccessScope}; a ticket's history; the stored facts of recent tickets for rule replays.
 */
@Service
public class TicketQueries implements dev.flowdesk.classification.ReplayTickets {

    private final TicketRepository tickets;
    private final TicketAccessPolicy access;
    private final AuditTrail audit;
    private final TicketLinks links;
    private final HistoryService history;
    private final TicketJson json;
    private final TicketSearch search;
    private final RequesterFacts requesters;
    private final org.springframework.beans.factory.ObjectProvider<TicketConfigurationItems> items;
    private final Clock clock;

    TicketQueries(TicketRepository tickets, TicketAccessPolicy access, AuditTrail audit, TicketLinks links,
                  HistoryService history, TicketJson json, TicketSearch search, RequesterFacts requesters,
                  org.springframework.beans.factory.ObjectProvider<TicketConfigurationItems> items, Clock clock) {
        this.tickets = tickets;
        this.access = access;
        this.audit = audit;
        this.links = links;
        this.history = history;
        this.json = json;
        this.search = search;
        this.requesters = requesters;
        this.items = items;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public TicketDetail get(long id, CurrentUser user) {
        Ticket ticket = access.visible(id, user);
        List<ActivityView> activities = ticket.getProcessInstanceId() == null ? List.of()
                : history.createHistoricActivityInstanceQuery().processInstanceId(ticket.getProcessInstanceId())
                    .unfinished().list().stream()
                    .filter(a -> !"processDefinition".equals(a.getActivityType())
                            && !"multiInstanceBody".equals(a.getActivityType()))
                    .map(a -> new ActivityView(a.getActivityId(), a.getActivityName())).distinct().toList();
        Instant now = clock.instant();
        return new TicketDetail(ticket.getId(), ticket.getNumber(), ticket.getType(), ticket.getChannel(),
                ticket.getSubject(), ticket.getDescription(), ticket.getStatus(), ticket.getPriority(),
                ticket.getImpact(), ticket.getUrgency(), ticket.getCategory(), ticket.getQueue(),
                ticket.getRequester(), ticket.getAssignee(), ticket.getResolution(), json.fields(ticket.getFieldsJson()),
                new TicketViews.Sla(ticket.getFirstResponseDue(), ticket.getResolutionDue(), level(ticket, now),
                        ticket.getSlaYellowAt(), ticket.getSlaRedAt(), ticket.getSlaCalendar()),
                new DecisionView(ticket.getRuleSetVersion(), json.rules(ticket.getRulesFiredJson())),
                ticket.getParentId(), access.visibleLinks(links.children(ticket.getId()), user),
                access.visibleLinks(links.links(ticket.getId()), user),
                ticket.getProcessInstanceId(), activities,
                ticket.getCreatedAt(), ticket.getUpdatedAt(), ticket.getResolvedAt(), ticket.getVersion(),
                ticket.getTenant());
    }

    /**
     * A page of the tickets in the caller's scope that match {@code filter}, in {@code sort} order (see
     * {@link TicketSearch}); summaries are loaded for the page only.
     */
    @Transactional(readOnly = true)
    public PageResponse<TicketSummary> list(CurrentUser user, TicketFilter filter, String sort, int page, int size) {
        PageResponse.check(page, size);
        Instant now = clock.instant();
        TicketSearch.Ids found = search.find(user, filter, sort, page * size, size, now);
        java.util.Map<Long, TicketSummary> byId = summaries(found.ids());
        return new PageResponse<>(found.ids().stream().map(byId::get).filter(java.util.Objects::nonNull).toList(),
                page, size, found.total(), found.exact() ? null : Boolean.FALSE);
    }

    /** The ticket's audit events, oldest first; requesters see only the events meant for them. */
    @Transactional(readOnly = true)
    public List<HistoryEntry> history(long id, CurrentUser user) {
        Ticket ticket = access.visible(id, user);
        return audit.history(ticket.getId(), user.isAgent());
    }

    /** Summaries of these tickets by id, in one query (tickets that do not exist are left out). */
    @Transactional(readOnly = true)
    public java.util.Map<Long, TicketSummary> summaries(java.util.Collection<Long> ids) {
        Instant now = clock.instant();
        java.util.Map<Long, TicketSummary> byId = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            tickets.findAllById(ids).forEach(t -> byId.put(t.getId(), summary(t, now)));
        }
        return byId;
    }

    /** A summary of the ticket, for task lists; null when the ticket does not exist. */
    @Transactional(readOnly = true)
    public TicketSummary summary(long id) {
        return tickets.findById(id).map(t -> summary(t, clock.instant())).orElse(null);
    }

    /** The facts of the most recent tickets, newest first, as the rules saw them when each was opened. */
    @Override
    @Transactional(readOnly = true)
    public List<StoredFacts> recentFacts(int last) {
        return tickets.findAll(PageRequest.of(0, last, Sort.by(Sort.Direction.DESC, "createdAt", "id"))).stream()
                .map(this::storedFacts).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StoredFacts> factsOf(List<Long> ids) {
        java.util.Map<Long, Ticket> byId = new java.util.HashMap<>();
        tickets.findAllById(ids).forEach(t -> byId.put(t.getId(), t));
        return ids.stream().distinct().map(byId::get).filter(java.util.Objects::nonNull).map(this::storedFacts)
                .toList();
    }

    private StoredFacts storedFacts(Ticket t) {
        return new StoredFacts(t.getId(), t.getNumber(),
                RuleInput.forStoredTicket(t, json.fields(t.getFieldsJson()), requesters.forStoredTicket(t),
                        items.getIfAvailable() == null ? null : items.getIfAvailable().forStoredTicket(t.getId()),
                        t.getCreatedAt()));
    }

    private static TicketSummary summary(Ticket t, Instant now) {
        return new TicketSummary(t.getId(), t.getNumber(), t.getType(), t.getSubject(), t.getStatus(),
                t.getPriority(), t.getCategory(), t.getQueue(), t.getRequester(), t.getAssignee(), t.getCreatedAt(),
                t.getUpdatedAt(), level(t, now));
    }

    private static String level(Ticket t, Instant now) {
        SlaLevel level = TicketSla.levelOf(t, now);
        return level == null ? null : level.name();
    }
}
