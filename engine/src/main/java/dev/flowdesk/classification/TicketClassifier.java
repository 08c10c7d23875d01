package dev.flowdesk.classification;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.RuleSetCompiler;
import dev.flowdesk.rules.RuleSetValidationException;
import dev.flowdesk.rules.TicketFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Decides queue, priority, category and SLA targets of a ticket with the live rule base. A failing evaluation never
 * loses the ticket: it goes to the dispatcher queue with default priority, and the failure is named in the decision.
 * That includes a decision the rule base halted at its time limit or firing cap (see {@code RuleSetCompiler}): a
 * live ticket never waits for a rule set that does not finish.
 * <p>
 * Several nodes share one database: before each use the classifier reads which versions are active (one small query
 * on {@code rule_set_version}) and rebuilds its rule base when they differ from the ones it holds, so an activation
 * made on another node decides this node's very next ticket. The compiled base itself is kept per node.
 */
@Service
public class TicketClassifier {

    private static final Logger log = LoggerFactory.getLogger(TicketClassifier.class);

    private final AtomicReference<LiveRuleBase> live;
    /** Null without a database (unit tests): the shipped rules, or whatever {@link #activate} set. */
    private final RuleSetVersionRepository versions;
    /** The active versions last loaded from the database, compiled or not (a failing set is not retried per ticket). */
    private volatile String loaded;

    public TicketClassifier() {
        this(null);
    }

    @Autowired
    TicketClassifier(RuleSetVersionRepository versions) {
        this.versions = versions;
        this.live = new AtomicReference<>(new LiveRuleBase("shipped-1", RuleSetCompiler.shipped()));
    }

    /** The rule base decisions are made with now, and its version label. */
    public record LiveRuleBase(String version, RuleBase ruleBase) {
    }

    /** A decision and the rule-base version that made it. */
    public record Classification(Decision decision, String ruleSetVersion) {
    }

    public Classification classify(TicketFacts facts) {
        LiveRuleBase current = live(); // one consistent rule base for this decision, even during a swap
        try {
            return new Classification(current.ruleBase().decide(facts), current.version());
        } catch (RuntimeException e) {
            log.warn("Rule evaluation failed with rule base {}; routing to the dispatcher", current.version(), e);
            Decision fallback = Decision.fallback(String.valueOf(e.getMessage()));
            return new Classification(new Decision(fallback.queue(), fallback.priority(), fallback.category(),
                    fallback.sla(), List.of("rules-failed"), null, fallback.rulesFired()), current.version());
        }
    }

    /** Replaces the live rule base; decisions already running finish with the one they started with. */
    public void activate(String version, RuleBase ruleBase) {
        live.set(new LiveRuleBase(version, ruleBase));
    }

    /** The live rule base, brought in line with the versions the database says are active. */
    public LiveRuleBase live() {
        if (versions != null) {
            refresh();
        }
        return live.get();
    }

    /**
     * Rebuilds the live rule base when the active versions in the database are not the ones loaded (an activation
     * here or on another node, or the first use); otherwise costs one query. Concurrent callers wait for one rebuild.
     */
    void refresh() {
        if (activeLabel().equals(loaded)) {
            return;
        }
        synchronized (this) {
            List<RuleSetVersion> active = versions.findByStatus(RuleSetVersion.Status.ACTIVE);
            String label = label(active);
            if (active.isEmpty() || label.equals(loaded)) {
                // nothing seeded yet (first start): the shipped rules decide; or another caller rebuilt it meanwhile
                return;
            }
            try {
                activate(label, RuleSetCompiler.compile(sources(active)));
                log.info("Live rule base is {}", label);
            } catch (RuleSetValidationException e) {
                // Activation validated these sets; failing here means the database was edited by hand. Keep running.
                log.error("Stored active rule sets do not compile; keeping the rule base {}: {}", live.get().version(),
                        e.problems());
            }
            loaded = label;
        }
    }

    private String activeLabel() {
        return versions.activeVersions().stream().map(v -> v[0] + "@" + v[1]).sorted()
                .collect(Collectors.joining(" "));
    }

    static Map<String, String> sources(List<RuleSetVersion> active) {
        Map<String, String> sources = new LinkedHashMap<>();
        active.stream().sorted(Comparator.comparing(RuleSetVersion::getName))
                .forEach(v -> sources.put(v.getName(), v.getDrl()));
        return sources;
    }

    /** "name@version ..." sorted by name: how decisions name the rule base that made them. */
    static String label(List<RuleSetVersion> active) {
        return active.stream().map(v -> v.getName() + "@" + v.getRuleVersion()).sorted()
                .collect(Collectors.joining(" "));
    }
}
