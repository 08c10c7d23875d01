package dev.flowdesk.classification;

import dev.flowdesk.classification.ReplayTickets.StoredFacts;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule-set version would change: the last N stored tickets decided again by the live rule base and by the
 * rule base with this version in place, compared field by field, before anyone activates it.
 */
@Service
public class RuleSetReplay {

    private final RuleSets ruleSets;
    private final TicketClassifier classifier;
    private final ReplayTickets tickets;
    private final RuleSetEventRepository events;
    private final Clock clock;

    RuleSetReplay(RuleSets ruleSets, TicketClassifier classifier, ReplayTickets tickets, RuleSetEventRepository events,
                  Clock clock) {
        this.ruleSets = ruleSets;
        this.classifier = classifier;
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    public record Difference(String field, String from, String to) {
    }

    public record TicketDifference(long ticketId, String number, List<Difference> differences) {
    }

    public record ChangeCount(String field, String from, String to, long count) {
    }

    public record ReplayReport(String ruleSet, int version, String comparedWith, int compared, int changed,
                               List<ChangeCount> changes, List<TicketDifference> tickets) {
    }

    /**
     * Re-decides tickets with this version and with the live rule base, and reports the differences: the given
     * tickets when {@code ids} is not null, else the last N.
     */
    public ReplayReport replay(String name, int version, int last, List<Long> ids, CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
        if (last < 1 || last > 10_000) {
            throw DomainException.invalid("last", "must be between 1 and 10000");
        }
        if (ids != null && (ids.isEmpty() || ids.size() > 10_000)) {
            throw DomainException.invalid("tickets", "must name between 1 and 10000 ticket ids");
        }
        RuleBase candidate = ruleSets.compileWith(name, version);
        TicketClassifier.LiveRuleBase live = classifier.live();
        List<StoredFacts> stored = ids == null ? tickets.recentFacts(last) : tickets.factsOf(ids);
        if (ids != null && stored.size() < ids.stream().distinct().count()) {
            java.util.Set<Long> found = new java.util.HashSet<>();
            stored.forEach(s -> found.add(s.ticketId()));
            throw DomainException.invalid("tickets", "no ticket with id "
                    + ids.stream().filter(id -> !found.contains(id)).findFirst().orElseThrow());
        }
        Map<Difference, Long> counts = new LinkedHashMap<>();
        List<TicketDifference> changed = new ArrayList<>();
        for (StoredFacts ticket : stored) {
            List<Difference> diffs = differences(decideSafely(live.ruleBase(), ticket.facts()),
                    decideSafely(candidate, ticket.facts()));
            if (!diffs.isEmpty()) {
                changed.add(new TicketDifference(ticket.ticketId(), ticket.number(), diffs));
                diffs.forEach(d -> counts.merge(d, 1L, Long::sum));
            }
        }
        List<ChangeCount> changes = counts.entrySet().stream()
                .map(e -> new ChangeCount(e.getKey().field(), e.getKey().from(), e.getKey().to(), e.getValue()))
                .sorted(Comparator.comparingLong(ChangeCount::count).reversed()).toList();
        events.save(new RuleSetEvent(name, version, clock.instant(), user.id(), "REPLAYED",
                "replayed " + stored.size() + " tickets: " + changed.size() + " decisions change"));
        return new ReplayReport(name, version, live.version(), stored.size(), changed.size(), changes, changed);
    }


    private static Decision decideSafely(RuleBase ruleBase, TicketFacts facts) {
        try {
            return ruleBase.decide(facts);
        } catch (RuntimeException e) {
            return new Decision("(rule failure)", null, null, null, List.of(), null, List.of());
        }
    }

    private static List<Difference> differences(Decision before, Decision after) {
        List<Difference> diffs = new ArrayList<>();
        compare(diffs, "queue", before.queue(), after.queue());
        compare(diffs, "priority", before.priority(), after.priority());
        compare(diffs, "category", before.category(), after.category());
        compare(diffs, "approverGroup", before.approverGroup(), after.approverGroup());
        compare(diffs, "sla", before.sla(), after.sla());
        return diffs;
    }

    private static void compare(List<Difference> diffs, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            diffs.add(new Difference(field, String.valueOf(before), String.valueOf(after)));
        }
    }
}
