package dev.flowdesk.rules;

import static dev.flowdesk.rules.Tickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flowdesk.rules.RuleSetValidationException.RuleProblem;

/** Validation before activation: compile errors with file, line and column; loops and throwing rules refused. */
class RuleSetCompilerTest {

    private static final String HEADER = """
            package dev.flowdesk.rules.test;
            import dev.flowdesk.rules.TicketFacts;
            import dev.flowdesk.rules.DecisionDraft;
            import dev.flowdesk.rules.Priority;
            agenda-group "priority"
            """; // 5 lines, so the first rule starts on line 6

    @Test
    void theShippedSourcesAreTheFourRuleSetsInEvaluationOrder() {
        Map<String, String> sources = RuleSetCompiler.shippedSources();

        assertThat(sources.keySet()).containsExactly("categorization", "priority", "routing", "sla");
        assertThat(sources.values()).allSatisfy(text -> assertThat(text).contains("agenda-group"));
        assertThat(RuleSetCompiler.shipped().sources()).isEqualTo(sources);
    }

    @Test
    void aSyntaxErrorNamesTheRuleSetLineAndColumn() {
        String drl = HEADER + """
                rule "Broken"
                when
                    $d : DecisionDraft( priority == Priority.P1
                then
                end
                """;

        RuleSetValidationException e = refused(Map.of("priority", drl));

        assertThat(e.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("priority");
            assertThat(problem.line()).isEqualTo(9);
            assertThat(problem.column()).isEqualTo(1);
            assertThat(problem.message()).contains("then").contains("Broken").doesNotContain("[ERR");
        });
    }

    @Test
    void theColumnIsOneBasedAndPointsAtTheOffendingToken() {
        String drl = HEADER + """
                rule "Broken"
                when
                    $d : DecisionDraft( priority === Priority.P1 )
                then
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem.file()).isEqualTo("priority");
        assertThat(problem.line()).isEqualTo(8);
        assertThat(problem.column()).as("the third '=' of ===").isEqualTo(36);
    }

    @Test
    void aFieldTheFactDoesNotHaveIsReportedWhereItIsUsed() {
        String drl = HEADER + """
                rule "Tests a misspelt field"
                when
                    $d : DecisionDraft( prio == Priority.P1 )
                then
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem.file()).isEqualTo("priority");
        assertThat(problem.line()).isEqualTo(8);
        assertThat(problem.column()).isEqualTo(25);
        assertThat(problem.message()).isEqualTo("rule \"Tests a misspelt field\": DecisionDraft has no field \"prio\"");
    }

    @Test
    void anErrorInAConsequenceNamesTheRule() {
        String drl = HEADER + """
                rule "Calls a method that does not exist"
                when
                    $d : DecisionDraft()
                then
                    $d.setPriorityTo(Priority.P1);
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem.file()).isEqualTo("priority");
        assertThat(problem.line()).as("the line of the call, not of the rule header").isEqualTo(10);
        assertThat(problem.column()).isEqualTo(5);
        assertThat(problem.message()).startsWith("rule \"Calls a method that does not exist\": ")
                .contains("setPriorityTo");
    }

    @Test
    void anUnknownFactTypeIsReportedWithItsLine() {
        String drl = HEADER + """
                rule "Uses an unknown fact"
                when
                    Customer( vip == true )
                then
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem.file()).isEqualTo("priority");
        assertThat(problem.line()).isBetween(6, 8);
        assertThat(problem.message()).contains("Customer");
    }

    @Test
    void errorsInTwoRuleSetsAreBothReportedEachWithItsFile() {
        Map<String, String> sources = new LinkedHashMap<>(RuleSetCompiler.shippedSources());
        sources.put("routing", sources.get("routing").replace("rule \"Printer and hardware", "rule Printer and hardware"));
        sources.put("sla", sources.get("sla").replaceFirst("then", "than"));

        RuleSetValidationException e = refused(sources);

        assertThat(e.problems()).extracting(RuleProblem::file).contains("routing", "sla");
        assertThat(e.problems()).allSatisfy(problem -> assertThat(problem.line()).isPositive());
    }

    @Test
    void aRuleThatModifiesWhatItTestsForeverIsRefusedNamingTheRule() {
        String drl = HEADER + """
                rule "Priority keeps going round"
                when
                    $d : DecisionDraft( $p : priority != Priority.P1 )
                then
                    modify($d) { setPriority($p == Priority.P5 ? Priority.P4 : Priority.P5) }
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem.file()).isEqualTo("priority");
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message())
                .contains("more than 1000 rule firings")
                .contains("rule \"Priority keeps going round\"")
                .contains("on the sample ticket");
    }

    @Test
    void aRuleThatThrowsOnASampleTicketIsRefusedNamingTheRule() {
        String drl = HEADER + """
                rule "Reads the CI without checking it is there"
                when
                    TicketFacts( $ci : configurationItem )
                    $d : DecisionDraft()
                then
                    $d.addTag($ci.id().toLowerCase());
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem.file()).isEqualTo("priority");
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).startsWith("rule \"Reads the CI without checking it is there\" threw "
                + "NullPointerException").contains("on the sample ticket");
    }

    @Test
    void aConditionThatThrowsOnASampleTicketIsRefusedNamingTheRuleAndTheCondition() {
        String drl = HEADER + """
                rule "Reads past the end of the subject"
                when
                    TicketFacts( subject.charAt(5) == 'x' )
                    $d : DecisionDraft()
                then
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem.file()).isEqualTo("priority");
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).startsWith("rule \"Reads past the end of the subject\" failed in the condition"
                + " 'subject.charAt(5) == 'x'': StringIndexOutOfBoundsException");
    }

    @Test
    void aRuleOutsideTheAgendaGroupOfItsRuleSetIsRefused() {
        String drl = HEADER.replace("agenda-group \"priority\"\n", "") + """
                rule "Forgot the agenda group"
                when
                    $d : DecisionDraft()
                then
                end
                """;

        RuleProblem problem = refused(Map.of("priority", drl)).problems().get(0);

        assertThat(problem).isEqualTo(new RuleProblem("priority", 5, 0, "rule \"Forgot the agenda group\" is in"
                + " agenda group \"MAIN\" but must be in \"priority\", the group of its rule set, which decides when"
                + " it runs; put  agenda-group \"priority\"  below the imports"));
    }

    @Test
    void twoRulesWithTheSameNameInDifferentRuleSetsAreRefused() {
        String rule = """
                rule "Same name"
                when
                    $d : DecisionDraft()
                then
                end
                """;
        Map<String, String> sources = Map.of(
                "priority", HEADER + rule,
                "extra", HEADER.replace("test;", "extra;").replace("\"priority\"", "\"extra\"") + rule);

        RuleSetValidationException e = refused(sources);

        assertThat(e.problems()).anySatisfy(problem ->
                assertThat(problem.message()).contains("rule name \"Same name\" is also used in rule set"));
    }

    @Test
    void badRuleSetNamesAndEmptyInputAreRefusedBeforeCompiling() {
        assertThat(refused(Map.of()).problems()).extracting(RuleProblem::message).containsExactly("no rule sets given");
        assertThat(refused(Map.of("../etc/passwd", HEADER)).problems().get(0).message())
                .startsWith("a rule-set name is lower-case letters");
        assertThat(refused(Map.of("priority", "  ")).problems().get(0))
                .isEqualTo(new RuleProblem("priority", 0, 0, "the rule set is empty"));
    }

    @Test
    void anExtraRuleSetRunsAfterTheShippedOnesAndCanUseTheirResult() throws RuleSetValidationException {
        Map<String, String> sources = new HashMap<>(RuleSetCompiler.shippedSources());
        sources.put("escalation", """
                package dev.flowdesk.rules.escalation;
                import dev.flowdesk.rules.DecisionDraft;
                import dev.flowdesk.rules.Priority;
                agenda-group "escalation"

                rule "P1 tickets are tagged for the duty manager"
                    @reason("P1 wakes the duty manager")
                when
                    $d : DecisionDraft( priority == Priority.P1 )
                then
                    modify($d) { addTag("duty-manager") }
                end
                """);

        RuleBase rules = RuleSetCompiler.compile(sources);
        Decision decision = rules.decide(ticket().impact(Level.HIGH).urgency(Level.HIGH).build());

        assertThat(decision.tags()).containsExactly("duty-manager");
        assertThat(decision.rulesFired()).last().isEqualTo(new Decision.FiredRule(
                "P1 tickets are tagged for the duty manager", "P1 wakes the duty manager"));
    }

    @Test
    void aRuleSetThatLeavesAConcernOutGetsTheJavaDefaults() throws RuleSetValidationException {
        RuleBase onlyPriority = RuleSetCompiler.compile(Map.of("priority",
                RuleSetCompiler.shippedSources().get("priority")));

        Decision decision = onlyPriority.decide(ticket().subject("Drucker").impact(Level.HIGH).build());

        assertThat(decision.priority()).isEqualTo(Priority.P2);
        assertThat(decision.queue()).isEqualTo("dispatcher");
        assertThat(decision.category()).isEqualTo("uncategorized");
        assertThat(decision.sla()).isEqualTo(new Decision.SlaTargets(240, 1440));
    }

    private static RuleSetValidationException refused(Map<String, String> sources) {
        RuleSetValidationException e = catchThrowableOfType(RuleSetValidationException.class,
                () -> RuleSetCompiler.compile(sources));
        assertThat(e).as("the rule set should have been refused").isNotNull();
        assertThat(e.getMessage()).isEqualTo(e.problems().get(0).toString());
        return e;
    }
}
