package dev.flowdesk.rules;

import static dev.flowdesk.rules.Tickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.utils.KieHelper;

import dev.flowdesk.rules.RuleSetValidationException.RuleProblem;

/**
 * The second wall behind the DRL allow-list: whatever a rule set does, one decision ends within its time limit and
 * firing cap, and recursion ends as a rule failure that names the rule — at upload (a 400 with the rule's line) and
 * on a live ticket (which the engine then routes by its defaults).
 */
class RuleRunTimeLimitsTest {

    private static final String HEADER = """
            package dev.flowdesk.rules.spin;
            import dev.flowdesk.rules.TicketFacts;
            import dev.flowdesk.rules.DecisionDraft;
            import dev.flowdesk.rules.Priority;
            agenda-group "spin"
            """; // 5 lines: the first rule starts on line 6

    /** Flips the priority forever: only the limits stop it (the test raises the firing cap out of the way). */
    private static final String FLIPS_FOREVER = """
            rule "Flips the priority forever"
            when
                TicketFacts( %s )
                $d : DecisionDraft( $p : priority != Priority.P1 )
            then
                modify($d) { setPriority($p == Priority.P5 ? Priority.P4 : Priority.P5) }
            end
            """;

    private static final CompiledRuleBase.Limits SHORT_TIME = new CompiledRuleBase.Limits(Duration.ofMillis(300),
            Integer.MAX_VALUE - 1);

    @Test
    void aRuleSetThatRunsPastTheTimeLimitOnASampleIsRefusedNamingTheRuleWithinSeconds() {
        long start = System.nanoTime();

        RuleSetValidationException e = catchThrowableOfType(RuleSetValidationException.class, () ->
                RuleSetCompiler.compile(Map.of("spin", HEADER + FLIPS_FOREVER.formatted("")), SHORT_TIME));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(e).isNotNull();
        RuleProblem problem = e.problems().get(0);
        assertThat(problem.file()).isEqualTo("spin");
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).startsWith("deciding one ticket took longer than 300 ms")
                .contains("rule \"Flips the priority forever\"").contains("on the sample ticket");
    }

    @Test
    void theFirstDecisionOfANewRuleBaseGetsItsWarmUpLimitAndLaterOnesTheNormalOne() throws Exception {
        Map<String, String> sources = new HashMap<>(RuleSetCompiler.shippedSources());
        sources.put("spin", HEADER + FLIPS_FOREVER.formatted("subject == \"spin\""));
        // the first decision (the compiler's sample tickets) may take up to 5 s, every later one 300 ms
        RuleBase rules = RuleSetCompiler.compile(sources, new CompiledRuleBase.Limits(Duration.ofMillis(300),
                Integer.MAX_VALUE - 1, Duration.ofSeconds(5)));

        RuleEvaluationException e = catchThrowableOfType(RuleEvaluationException.class,
                () -> rules.decide(ticket().subject("spin").build()));

        assertThat(e.getMessage()).startsWith("deciding one ticket took longer than 300 ms");
        // a rule base that spins on its very first decision is halted at the warm-up limit
        RuleSetValidationException refused = catchThrowableOfType(RuleSetValidationException.class,
                () -> RuleSetCompiler.compile(Map.of("spin", HEADER + FLIPS_FOREVER.formatted("")),
                        new CompiledRuleBase.Limits(Duration.ofMillis(300), Integer.MAX_VALUE - 1,
                                Duration.ofMillis(900))));
        assertThat(refused.problems().get(0).message()).startsWith("deciding one ticket took longer than 900 ms");
    }

    @Test
    void aLiveTicketThatRunsPastTheTimeLimitFailsNamingTheRuleAndTheNextTicketIsDecided() throws Exception {
        Map<String, String> sources = new HashMap<>(RuleSetCompiler.shippedSources());
        sources.put("spin", HEADER + FLIPS_FOREVER.formatted("subject == \"spin\""));
        // Long enough for the sample tickets on a busy machine (a cold rule base takes a few hundred ms).
        RuleBase rules = RuleSetCompiler.compile(sources, new CompiledRuleBase.Limits(Duration.ofMillis(1500),
                Integer.MAX_VALUE - 1));
        long start = System.nanoTime();

        RuleEvaluationException e = catchThrowableOfType(RuleEvaluationException.class,
                () -> rules.decide(ticket().subject("spin").build()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(e.ruleName()).isEqualTo("Flips the priority forever");
        assertThat(rules.decide(ticket().subject("Drucker").build()))
                .isEqualTo(RuleSetCompiler.shipped().decide(ticket().subject("Drucker").build()));
    }

    @Test
    void unboundedRecursionIsARuleFailureNamingTheRuleNotAnError() {
        // A function is the only way to recurse, and the allow-list refuses functions; this rule base is built
        // past the check on purpose, to prove that the run time holds on its own.
        String drl = HEADER.replace("import dev.flowdesk.rules.Priority;\n", "") + """
                function int deeper(int n) { return deeper(n + 1) + 1; }
                rule "Recurses without end"
                when
                    $d : DecisionDraft()
                then
                    $d.addTag("depth " + deeper(0));
                end
                """;
        KieBase kieBase = new KieHelper().addContent(drl, ResourceType.DRL).build();
        CompiledRuleBase rules = new CompiledRuleBase(kieBase, Map.of("spin", drl), List.of("spin"));

        RuleEvaluationException e = catchThrowableOfType(RuleEvaluationException.class,
                () -> rules.decide(ticket().build()));

        assertThat(e.ruleName()).isEqualTo("Recurses without end");
        assertThat(e.getMessage()).isEqualTo("rule \"Recurses without end\" recursed without end (StackOverflowError)");
    }

    @Test
    void loopsAndRecursionAreRefusedBeforeAnythingRuns() {
        long start = System.nanoTime();
        for (String body : List.of("while (true) { }", "for (;;) { $d.addTag(\"x\"); }",
                "do { $d.addTag(\"x\"); } while (true);")) {
            String drl = HEADER + """
                    rule "Never ends"
                    when
                        $d : DecisionDraft()
                    then
                        %s
                    end
                    """.formatted(body);

            RuleSetValidationException e = catchThrowableOfType(RuleSetValidationException.class,
                    () -> RuleSetCompiler.compile(Map.of("spin", drl)));

            assertThat(e.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.line()).isEqualTo(10);
                assertThat(problem.column()).isEqualTo(5);
                assertThat(problem.message()).startsWith("rule \"Never ends\": a loop");
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
