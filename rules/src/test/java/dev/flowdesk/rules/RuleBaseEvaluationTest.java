package dev.flowdesk.rules;

import static dev.flowdesk.rules.Tickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Run-time behaviour of a compiled rule base: failures, recovery, thread-safety and swapping. */
class RuleBaseEvaluationTest {

    private static final RuleBase SHIPPED = RuleSetCompiler.shipped();

    /** Throws only for a subject no sample ticket has, so it passes validation and fails on a live ticket. */
    private static final String THROWS_ON_ONE_SUBJECT = """
            package dev.flowdesk.rules.trap;
            import dev.flowdesk.rules.TicketFacts;
            import dev.flowdesk.rules.DecisionDraft;
            agenda-group "trap"

            rule "Trips over one particular subject"
            when
                TicketFacts( subject == "trip wire" )
                $d : DecisionDraft()
            then
                throw new IllegalStateException("tripped");
            end
            """;

    @Test
    void aRuleThatThrowsAtRunTimeGivesARuleEvaluationExceptionNamingTheRule() throws Exception {
        Map<String, String> sources = new HashMap<>(RuleSetCompiler.shippedSources());
        sources.put("trap", THROWS_ON_ONE_SUBJECT);
        RuleBase rules = RuleSetCompiler.compile(sources);

        RuleEvaluationException e = catchThrowableOfType(RuleEvaluationException.class,
                () -> rules.decide(ticket().subject("trip wire").build()));

        assertThat(e.ruleName()).isEqualTo("Trips over one particular subject");
        assertThat(e.getMessage()).isEqualTo(
                "rule \"Trips over one particular subject\" threw IllegalStateException: tripped");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);

        // the pooled session was reset: the next ticket is decided as if nothing happened
        assertThat(rules.decide(ticket().subject("Drucker").build()))
                .isEqualTo(SHIPPED.decide(ticket().subject("Drucker").build()));
    }

    @Test
    void theFallbackDecisionRoutesToTheDispatcherAndSaysWhy() {
        Decision fallback = Decision.fallback("rule \"X\" threw NullPointerException");

        assertThat(fallback.queue()).isEqualTo("dispatcher");
        assertThat(fallback.priority()).isEqualTo(Priority.P3);
        assertThat(fallback.category()).isEqualTo("uncategorized");
        assertThat(fallback.sla()).isEqualTo(new Decision.SlaTargets(240, 1440));
        assertThat(fallback.rulesFired()).singleElement()
                .extracting(Decision.FiredRule::reason).isEqualTo("rule \"X\" threw NullPointerException");
    }

    @Test
    void decisionsFromManyThreadsAreIdenticalToSequentialOnes() throws Exception {
        // given the expected decisions, computed on one thread
        List<TicketFacts> tickets = variedTickets();
        List<Decision> expected = tickets.stream().map(SHIPPED::decide).toList();

        // when four threads, released together, decide all tickets many times over
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Decision>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            results.add(pool.submit(() -> {
                start.await();
                List<Decision> decided = new ArrayList<>();
                for (int round = 0; round < 50; round++) {
                    for (int i = 0; i < tickets.size(); i++) {
                        int index = (i + offset * 7) % tickets.size();
                        Decision decision = SHIPPED.decide(tickets.get(index));
                        if (round == 49) {
                            decided.add(decision);
                        } else if (!decision.equals(expected.get(index))) {
                            throw new AssertionError("ticket " + index + " decided differently: " + decision);
                        }
                    }
                }
                // back into ticket order for comparison
                List<Decision> ordered = new ArrayList<>(decided);
                for (int i = 0; i < tickets.size(); i++) {
                    ordered.set((i + offset * 7) % tickets.size(), decided.get(i));
                }
                return ordered;
            }));
        }
        start.countDown();

        // then every thread saw exactly the sequential decisions
        for (Future<List<Decision>> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
        }
        pool.shutdown();
    }

    @Test
    void swappingTheActiveRuleBaseChangesRoutingWhileTheOldInstanceKeepsDecidingAsBefore() throws Exception {
        AtomicReference<RuleBase> active = new AtomicReference<>(SHIPPED);
        RuleBase before = active.get();
        Map<String, String> changed = new HashMap<>(RuleSetCompiler.shippedSources());
        changed.put("routing", changed.get("routing").replace("setQueue(\"network\")", "setQueue(\"network-ops\")"));

        active.set(RuleSetCompiler.compile(changed));

        TicketFacts vpn = ticket().subject("VPN down").build();
        assertThat(active.get().decide(vpn).queue()).isEqualTo("network-ops");
        assertThat(before.decide(vpn).queue()).isEqualTo("network");
        assertThat(active.get().sources().get("routing")).contains("network-ops");
    }

    private static List<TicketFacts> variedTickets() {
        List<TicketFacts> tickets = new ArrayList<>();
        String[] subjects = {"Drucker", "VPN", "Passwort", "Outlook", "WLAN", "Laptop", "Lizenz", "Zugriff", "Hallo"};
        int n = 0;
        for (Level impact : Level.values()) {
            for (Level urgency : Level.values()) {
                for (String subject : subjects) {
                    Tickets ticket = ticket().impact(impact).urgency(urgency).subject(subject);
                    switch (n++ % 5) {
                        case 0 -> ticket.vip().tier("GOLD");
                        case 1 -> ticket.ci("BUSINESS_CRITICAL").type("CHANGE");
                        case 2 -> ticket.tenant("acme").floor(Priority.P2);
                        case 3 -> ticket.from("x@partner.example").type("SERVICE_REQUEST");
                        default -> { }
                    }
                    tickets.add(ticket.build());
                }
            }
        }
        return tickets;
    }
}
