package dev.flowdesk.classification;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.RuleSetCompiler;
import dev.flowdesk.rules.RuleSetValidationException;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.classification.ReplayTickets.StoredFacts;
import dev.flowdesk.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The life of rule sets: versions stored in the database, validated before they are kept (uploading DRL text also
 * needs the {@code rule-developer} group and {@code flowdesk.rules.raw-drl-enabled}), tested on given facts,
 * replayed against stored tickets, activated without restart (hot swap of the live rule base) and rolled back by
 * activating an earlier version. Every step is recorded in {@code rule_set_event}. Other nodes of a cluster pick up
 * an activation within seconds by polling the newest activation time.
 */
@Service
public class RuleSets {

    private static final Logger log = LoggerFactory.getLogger(RuleSets.class);

    private final RuleSetVersionRepository versions;
    private final RuleSetEventRepository events;
    private final TicketClassifier classifier;
    private final ReplayTickets tickets;
    private final TransactionTemplate tx;
    private final RuleSetProperties properties;
    private final Clock clock;
    private volatile Instant loadedActivation;

    RuleSets(RuleSetVersionRepository versions, RuleSetEventRepository events, TicketClassifier classifier,
             ReplayTickets tickets, TransactionTemplate tx, RuleSetProperties properties, Clock clock) {
        this.versions = versions;
        this.properties = properties;
        this.events = events;
        this.classifier = classifier;
        this.tickets = tickets;
        this.tx = tx;
        this.clock = clock;
    }

    public record VersionSummary(int version, String status, String comment, String createdBy, Instant createdAt,
                                 String activatedBy, Instant activatedAt) {
    }

    public record RuleSetSummary(String name, Integer activeVersion, List<VersionSummary> versions) {
    }

    public record VersionDetail(String name, VersionSummary version, String drl) {
    }

    public record Activation(String liveVersion, long compileMillis, long swapMillis) {
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

    public record EventView(Integer version, Instant at, String actor, String type, String detail) {
    }

    /** Seeds the shipped rule sets as version 1 on first start, then loads the active versions. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        tx.executeWithoutResult(status -> {
            Map<String, String> shipped = RuleSetCompiler.shippedSources();
            for (Map.Entry<String, String> entry : shipped.entrySet()) {
                if (versions.maxVersion(entry.getKey()) == 0) {
                    RuleSetVersion v = new RuleSetVersion(entry.getKey(), 1, entry.getValue(), "shipped with Flowdesk",
                            "system", clock.instant());
                    v.activate("system", clock.instant());
                    versions.save(v);
                    events.save(new RuleSetEvent(entry.getKey(), 1, clock.instant(), "system", "ACTIVATED",
                            "shipped rule set seeded as version 1"));
                }
            }
        });
        reloadLive();
    }

    /** Keeps this node in step with activations made on other nodes. */
    @Scheduled(fixedDelayString = "${flowdesk.rules.poll-interval:PT5S}", initialDelayString = "PT5S")
    public void pollActivations() {
        Instant last = versions.lastActivation();
        if (last != null && !last.equals(loadedActivation)) {
            reloadLive();
        }
    }

    private synchronized void reloadLive() {
        List<RuleSetVersion> active = versions.findByStatus(RuleSetVersion.Status.ACTIVE);
        try {
            RuleBase ruleBase = RuleSetCompiler.compile(sources(active));
            classifier.activate(label(active), ruleBase);
            loadedActivation = active.stream().map(RuleSetVersion::getActivatedAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            log.info("Live rule base is {}", label(active));
        } catch (RuleSetValidationException e) {
            // Activation validated these sets; failing here means the database was edited by hand. Keep running.
            log.error("Stored active rule sets do not compile; keeping the current rule base: {}", e.problems());
        }
    }

    public List<RuleSetSummary> list(CurrentUser user) {
        requireDesigner(user);
        Map<String, List<RuleSetVersion>> byName = versions.findAll().stream()
                .collect(Collectors.groupingBy(RuleSetVersion::getName, TreeMap::new, Collectors.toList()));
        List<RuleSetSummary> result = new ArrayList<>();
        byName.forEach((name, list) -> {
            list.sort(Comparator.comparingInt(RuleSetVersion::getRuleVersion).reversed());
            Integer active = list.stream().filter(v -> v.getStatus() == RuleSetVersion.Status.ACTIVE)
                    .map(RuleSetVersion::getRuleVersion).findFirst().orElse(null);
            result.add(new RuleSetSummary(name, active, list.stream().map(RuleSets::summary).toList()));
        });
        return result;
    }

    public VersionDetail get(String name, int version, CurrentUser user) {
        requireDesigner(user);
        RuleSetVersion v = find(name, version);
        return new VersionDetail(name, summary(v), v.getDrl());
    }

    public List<EventView> events(String name, CurrentUser user) {
        requireDesigner(user);
        return events.findByNameOrderByAtAscIdAsc(name).stream()
                .map(e -> new EventView(e.getRuleVersion(), e.getAt(), e.getActor(), e.getType(), e.getDetail()))
                .toList();
    }

    /**
     * Validates a new version together with the other live rule sets and stores it as a draft. A refused upload is
     * recorded too, and answers 400 with file, line and column of every problem.
     */
    public VersionDetail upload(String name, String drl, String comment, CurrentUser user) {
        requireDesigner(user);
        requireRuleDeveloper(user);
        if (name == null || !name.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw DomainException.invalid("name", "a rule-set name is lower-case letters, digits, '-' or '_', starting"
                    + " with a letter, at most 64 characters");
        }
        if (comment != null && comment.length() > 1000) {
            throw DomainException.invalid("comment", "must be at most 1000 characters");
        }
        if (drl == null || drl.isBlank()) {
            throw DomainException.invalid("drl", "is empty: send the DRL text of the rule set");
        }
        if (drl.length() > 500_000) {
            throw DomainException.invalid("drl", "is longer than 500000 characters");
        }
        try {
            RuleSetCompiler.compile(withDraft(name, drl));
        } catch (RuleSetValidationException e) {
            events.save(new RuleSetEvent(name, null, clock.instant(), user.id(), "REFUSED",
                    e.problems().stream().map(Object::toString).collect(Collectors.joining("; "))));
            throw DomainException.invalid(e.problems().stream().map(p -> new DomainException.FieldError("drl",
                    p.file() + ":" + p.line() + ":" + p.column() + ": " + p.message())).toList());
        }
        return tx.execute(status -> {
            int next = versions.maxVersion(name) + 1;
            RuleSetVersion saved = versions.save(new RuleSetVersion(name, next, drl, comment, user.id(), clock.instant()));
            events.save(new RuleSetEvent(name, next, clock.instant(), user.id(), "UPLOADED",
                    "version " + next + " validated and stored as draft"));
            return new VersionDetail(name, summary(saved), drl);
        });
    }

    /** Decides the given facts with the live rule base where this version replaces its rule set. */
    public Decision test(String name, int version, TicketFacts facts, CurrentUser user) {
        requireDesigner(user);
        RuleBase candidate = compileWith(find(name, version));
        Decision decision;
        try {
            decision = candidate.decide(facts);
        } catch (RuntimeException e) {
            throw DomainException.invalid("facts", "the rule set fails on these facts: " + e.getMessage());
        }
        events.save(new RuleSetEvent(name, version, clock.instant(), user.id(), "TESTED",
                "decided queue " + decision.queue() + ", priority " + decision.priority()));
        return decision;
    }

    /** Re-decides the last N tickets with this version and with the live rule base, and reports the differences. */
    public ReplayReport replay(String name, int version, int last, CurrentUser user) {
        requireDesigner(user);
        if (last < 1 || last > 10_000) {
            throw DomainException.invalid("last", "must be between 1 and 10000");
        }
        RuleBase candidate = compileWith(find(name, version));
        TicketClassifier.LiveRuleBase live = classifier.live();
        List<StoredFacts> stored = tickets.recentFacts(last);
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

    /**
     * Makes this version the live one for its rule set (an earlier version: a roll-back). The database change
     * commits first; the in-memory swap follows after commit, so a failed commit never leaves a half-live rule base.
     */
    public Activation activate(String name, int version, CurrentUser user) {
        requireDesigner(user);
        long compileStart = System.nanoTime();
        RuleSetVersion target = find(name, version);
        List<RuleSetVersion> active = new ArrayList<>(versions.findByStatus(RuleSetVersion.Status.ACTIVE));
        active.removeIf(v -> v.getName().equals(name));
        active.add(target);
        RuleBase ruleBase;
        try {
            ruleBase = RuleSetCompiler.compile(sources(active));
        } catch (RuleSetValidationException e) {
            throw DomainException.invalid(e.problems().stream().map(p -> new DomainException.FieldError("drl",
                    p.toString())).toList());
        }
        long compileMillis = (System.nanoTime() - compileStart) / 1_000_000;
        String label = label(active);
        long[] swapMillis = new long[1];
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            versions.findByNameAndStatus(name, RuleSetVersion.Status.ACTIVE).ifPresent(current -> {
                if (current.getRuleVersion() != version) {
                    current.retire();
                }
            });
            RuleSetVersion managed = find(name, version);
            managed.activate(user.id(), now);
            events.save(new RuleSetEvent(name, version, now, user.id(), "ACTIVATED",
                    "version " + version + " is live; rule base " + label));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // Rebuild from what the database now says is active: another activation committed at the
                    // same time must not be lost by swapping in the base compiled before this commit.
                    long swapStart = System.nanoTime();
                    reloadLive();
                    swapMillis[0] = (System.nanoTime() - swapStart) / 1_000_000;
                }
            });
        });
        log.info("{} activated {} version {}: live rule base {}", user.id(), name, version, label);
        return new Activation(label, compileMillis, swapMillis[0]);
    }

    private RuleBase compileWith(RuleSetVersion version) {
        try {
            return RuleSetCompiler.compile(withDraft(version.getName(), version.getDrl()));
        } catch (RuleSetValidationException e) {
            throw DomainException.invalid(e.problems().stream().map(p -> new DomainException.FieldError("drl",
                    p.toString())).toList());
        }
    }

    private Map<String, String> withDraft(String name, String drl) {
        Map<String, String> sources = new LinkedHashMap<>(classifier.live().ruleBase().sources());
        sources.put(name, drl);
        return sources;
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

    private RuleSetVersion find(String name, int version) {
        return versions.findByNameAndRuleVersion(name, version)
                .orElseThrow(() -> DomainException.notFound("rule set " + name + " version " + version));
    }

    private static Map<String, String> sources(List<RuleSetVersion> active) {
        Map<String, String> sources = new LinkedHashMap<>();
        active.stream().sorted(Comparator.comparing(RuleSetVersion::getName))
                .forEach(v -> sources.put(v.getName(), v.getDrl()));
        return sources;
    }

    private static String label(List<RuleSetVersion> active) {
        return active.stream().sorted(Comparator.comparing(RuleSetVersion::getName))
                .map(v -> v.getName() + "@" + v.getRuleVersion()).collect(Collectors.joining(" "));
    }

    private static VersionSummary summary(RuleSetVersion v) {
        return new VersionSummary(v.getRuleVersion(), v.getStatus().name(), v.getComment(), v.getCreatedBy(),
                v.getCreatedAt(), v.getActivatedBy(), v.getActivatedAt());
    }

    /** Raw DRL is code that runs on the server: a permission of its own, and one that can be switched off. */
    private void requireRuleDeveloper(CurrentUser user) {
        if (!properties.rawDrlEnabled()) {
            throw DomainException.refused("Uploading DRL text is switched off on this server"
                    + " (flowdesk.rules.raw-drl-enabled=false).");
        }
        if (!user.isRuleDeveloper()) {
            throw DomainException.refused("Uploading DRL text needs membership of the group "
                    + CurrentUser.RULE_DEVELOPER_GROUP + ".");
        }
    }

    private static void requireDesigner(CurrentUser user) {
        if (!user.has(Role.DESIGNER) && !user.isAdmin()) {
            throw DomainException.refused("Only process designers manage rule sets.");
        }
    }
}
