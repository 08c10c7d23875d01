package dev.flowdesk.classification;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.RuleSetCompiler;
import dev.flowdesk.rules.RuleSetValidationException;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.rules.table.RuleTable;
import dev.flowdesk.rules.table.TableCheck;
import dev.flowdesk.rules.table.TableContext;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.classification.ReplayTickets.StoredFacts;
import dev.flowdesk.error.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The life of rule sets: versions stored in the database, validated before they are kept (uploading DRL text also
 * needs the {@code rule-developer} group and {@code flowdesk.rules.raw-drl-enabled}; decision tables, which
 * {@link RuleSetTables} turns into DRL, need neither), tested on given facts,
 * replayed against stored tickets, activated without restart (hot swap of the live rule base) and rolled back by
 * activating an earlier version. Every step is recorded in {@code rule_set_event}. Other nodes of a cluster use an
 * activation from their next decision on: {@link TicketClassifier} compares the active versions before each use.
 */
@Service
public class RuleSets {

    private static final Logger log = LoggerFactory.getLogger(RuleSets.class);

    private final RuleSetVersionRepository versions;
    private final RuleSetEventRepository events;
    private final TicketClassifier classifier;
    private final TransactionTemplate tx;
    private final RuleSetProperties properties;
    private final Clock clock;
    private final dev.flowdesk.security.audit.SecurityEvents audit;

    RuleSets(RuleSetVersionRepository versions, RuleSetEventRepository events, TicketClassifier classifier,
             TransactionTemplate tx, RuleSetProperties properties, Clock clock,
             dev.flowdesk.security.audit.SecurityEvents audit) {
        this.audit = audit;
        this.versions = versions;
        this.properties = properties;
        this.events = events;
        this.classifier = classifier;
        this.tx = tx;
        this.clock = clock;
    }

    /** One version in a list; {@code format} is "drl" or "table". */
    public record VersionSummary(int version, String status, String comment, String createdBy, Instant createdAt,
                                 String activatedBy, Instant activatedAt, String format) {
    }

    public record RuleSetSummary(String name, Integer activeVersion, List<VersionSummary> versions) {
    }

    /**
     * One version (shared API contract: {@code {format, table?, drl}}): a table version shows its table, the DRL
     * generated from it and the table's warnings (overlapping or unreachable rows); a DRL version only its text.
     */
    public record VersionDetail(String name, VersionSummary version, String format, RuleTable table, String drl,
                                List<DomainException.FieldError> warnings) {
    }

    public record Activation(String liveVersion, long compileMillis, long swapMillis) {
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
        classifier.refresh();
    }

    public List<RuleSetSummary> list(CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
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
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
        return detail(find(name, version));
    }

    public List<EventView> events(String name, CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
        return events.findByNameOrderByAtAscIdAsc(name).stream()
                .map(e -> new EventView(e.getRuleVersion(), e.getAt(), e.getActor(), e.getType(), e.getDetail()))
                .toList();
    }

    /**
     * Validates a new version together with the other live rule sets and stores it as a draft. A refused upload is
     * recorded too, and answers 400 with file, line and column of every problem.
     */
    public VersionDetail upload(String name, String drl, String comment, CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
        requireRuleDeveloper(user);
        checkNameAndComment(name, comment);
        if (drl == null || drl.isBlank()) {
            throw DomainException.invalid("drl", "is empty: send the DRL text of the rule set");
        }
        if (drl.length() > 500_000) {
            throw DomainException.invalid("drl", "is longer than 500000 characters");
        }
        return storeDraft(name, RuleSetVersion.Format.DRL, null, drl, comment, user);
    }

    /**
     * Compiles the DRL of a new version with the other live rule sets and stores it as a draft, with the table it
     * was generated from if any; a refusal is recorded and answers 400 with file, line and column of each problem.
     */
    VersionDetail storeDraft(String name, RuleSetVersion.Format format, String tableJson, String drl, String comment,
                             CurrentUser user) {
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
            RuleSetVersion saved = versions.save(new RuleSetVersion(name, next, format, tableJson, drl, comment,
                    user.id(), clock.instant()));
            events.save(new RuleSetEvent(name, next, clock.instant(), user.id(), "UPLOADED",
                    "version " + next + (format == RuleSetVersion.Format.TABLE ? " (table)" : "")
                            + " validated and stored as draft"));
            return detail(saved);
        });
    }

    static void checkNameAndComment(String name, String comment) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw DomainException.invalid("name", "a rule-set name is lower-case letters, digits, '-' or '_', starting"
                    + " with a letter, at most 64 characters");
        }
        if (comment != null && comment.length() > 1000) {
            throw DomainException.invalid("comment", "must be at most 1000 characters");
        }
    }

    /** What a table is checked against: the categories the live rule base can set. */
    TableContext tableContext() {
        return TableContext.fromDrl(classifier.live().ruleBase().sources().values());
    }

    /** The stored version, to export its table; 404 if there is none. */
    RuleSetVersion version(String name, int version) {
        return find(name, version);
    }

    private VersionDetail detail(RuleSetVersion v) {
        if (v.getFormat() != RuleSetVersion.Format.TABLE) {
            return new VersionDetail(v.getName(), summary(v), "drl", null, v.getDrl(), List.of());
        }
        RuleTable table = RuleSetTables.parseStored(v);
        List<DomainException.FieldError> warnings = TableCheck.check(table, tableContext()).warnings().stream()
                .map(RuleSetTables::fieldError).toList();
        return new VersionDetail(v.getName(), summary(v), "table", table, v.getDrl(), warnings);
    }

    /** Decides the given facts with the live rule base where this version replaces its rule set. */
    public Decision test(String name, int version, TicketFacts facts, CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
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

    /**
     * Makes this version the live one for its rule set (an earlier version: a roll-back). The database change
     * commits first; the in-memory swap follows after commit, so a failed commit never leaves a half-live rule base.
     */
    public Activation activate(String name, int version, CurrentUser user) {
        user.requireAny("Only process designers manage rule sets.", Role.DESIGNER);
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
            audit.record(dev.flowdesk.security.audit.SecurityEventKind.RULE_ACTIVATION, user.id(),
                    name + " v" + version, "rule base " + label);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // Rebuild from what the database now says is active: another activation committed at the
                    // same time must not be lost by swapping in the base compiled before this commit.
                    long swapStart = System.nanoTime();
                    classifier.refresh();
                    swapMillis[0] = (System.nanoTime() - swapStart) / 1_000_000;
                }
            });
        });
        log.info("{} activated {} version {}: live rule base {}", user.id(), name, version, label);
        return new Activation(label, compileMillis, swapMillis[0]);
    }

    /** The live rule base with this version in place of its rule set; 400 with the problems if it does not compile. */
    RuleBase compileWith(String name, int version) {
        return compileWith(find(name, version));
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

    private RuleSetVersion find(String name, int version) {
        return versions.findByNameAndRuleVersion(name, version)
                .orElseThrow(() -> DomainException.notFound("rule set " + name + " version " + version));
    }

    private static Map<String, String> sources(List<RuleSetVersion> active) {
        return TicketClassifier.sources(active);
    }

    private static String label(List<RuleSetVersion> active) {
        return TicketClassifier.label(active);
    }

    private static VersionSummary summary(RuleSetVersion v) {
        return new VersionSummary(v.getRuleVersion(), v.getStatus().name(), v.getComment(), v.getCreatedBy(),
                v.getCreatedAt(), v.getActivatedBy(), v.getActivatedAt(),
                v.getFormat().name().toLowerCase(java.util.Locale.ROOT));
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

}
