package dev.flowdesk.rules;

import static dev.flowdesk.rules.Tickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped priority rules: the ITIL matrix, the one raise for VIPs and business-critical CIs, the form's floor.
 * The properties run over every combination of their inputs (9 and 90 cases): the property-testing library they were
 * first written with did the same, because its try budgets (60 and 100) exceeded the number of combinations.
 */
class ShippedPriorityRulesTest {

    private static final RuleBase RULES = RuleSetCompiler.shipped();

    /** ITIL impact x urgency, written out rather than computed, so the test does not share a bug with the rules. */
    private static final Map<String, Priority> MATRIX = Map.of(
            "HIGH/HIGH", Priority.P1, "HIGH/MEDIUM", Priority.P2, "HIGH/LOW", Priority.P3,
            "MEDIUM/HIGH", Priority.P2, "MEDIUM/MEDIUM", Priority.P3, "MEDIUM/LOW", Priority.P4,
            "LOW/HIGH", Priority.P3, "LOW/MEDIUM", Priority.P4, "LOW/LOW", Priority.P5);

    static List<Arguments> everyImpactAndUrgency() {
        List<Arguments> cases = new ArrayList<>();
        for (Level impact : Level.values()) {
            for (Level urgency : Level.values()) {
                cases.add(Arguments.of(impact, urgency));
            }
        }
        return cases;
    }

    static List<Arguments> everyImpactUrgencyFloorAndVip() {
        List<Arguments> cases = new ArrayList<>();
        for (Arguments cell : everyImpactAndUrgency()) {
            for (Priority floor : Priority.values()) {
                for (boolean vip : new boolean[] {false, true}) {
                    cases.add(Arguments.of(cell.get()[0], cell.get()[1], floor, vip));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "impact {0}, urgency {1}")
    @MethodSource("everyImpactAndUrgency")
    void everyCellOfTheMatrixGivesItsPriorityAndNamesTheCell(Level impact, Level urgency) {
        // given a plain ticket: no VIP, no CI, no floor
        TicketFacts facts = ticket().impact(impact).urgency(urgency).build();

        // when
        Decision decision = RULES.decide(facts);

        // then
        Priority expected = MATRIX.get(impact + "/" + urgency);
        assertThat(decision.priority()).isEqualTo(expected);
        assertThat(decision.rulesFired()).filteredOn(rule -> rule.name().endsWith("make " + expected))
                .singleElement()
                .satisfies(rule -> {
                    assertThat(rule.name()).isEqualTo(capitalized(impact) + " impact and " + lower(urgency)
                            + " urgency make " + expected);
                    assertThat(rule.reason()).isEqualTo("impact " + impact + " and urgency " + urgency + " give "
                            + expected);
                });
        assertThat(names(decision)).noneMatch(name -> name.contains("raises") || name.contains("floor"));
    }

    @ParameterizedTest(name = "impact {0}, urgency {1}")
    @MethodSource("everyImpactAndUrgency")
    void aVipRequesterIsRaisedExactlyOneStepButNeverAboveP1(Level impact, Level urgency) {
        Priority matrix = MATRIX.get(impact + "/" + urgency);

        Decision decision = RULES.decide(ticket().impact(impact).urgency(urgency).vip().build());

        assertThat(decision.priority()).isEqualTo(matrix.oneStepMoreUrgent());
        if (matrix == Priority.P1) {
            assertThat(names(decision)).doesNotContain("VIP requester raises priority one step");
        } else {
            assertThat(decision.rulesFired()).contains(new Decision.FiredRule(
                    "VIP requester raises priority one step",
                    "the requester is a VIP: " + matrix + " -> " + matrix.oneStepMoreUrgent()));
        }
    }

    @Test
    void aBusinessCriticalConfigurationItemRaisesPriorityOneStep() {
        Decision decision = RULES.decide(ticket().ci("BUSINESS_CRITICAL").build());

        assertThat(decision.priority()).isEqualTo(Priority.P2);
        assertThat(decision.rulesFired()).contains(new Decision.FiredRule(
                "Business-critical configuration item raises priority one step",
                "the configuration item is business-critical: P3 -> P2"));
    }

    @Test
    void aConfigurationItemOfLowerCriticalityRaisesNothing() {
        Decision decision = RULES.decide(ticket().ci("HIGH").build());

        assertThat(decision.priority()).isEqualTo(Priority.P3);
        assertThat(names(decision)).noneMatch(name -> name.contains("raises"));
    }

    @Test
    void aVipWithABusinessCriticalConfigurationItemIsRaisedOnlyOnceAndTheVipRuleSaysWhy() {
        Decision decision = RULES.decide(ticket().impact(Level.LOW).urgency(Level.LOW).vip()
                .ci("BUSINESS_CRITICAL").build());

        assertThat(decision.priority()).isEqualTo(Priority.P4);
        assertThat(names(decision)).containsSubsequence("Low impact and low urgency make P5",
                "VIP requester raises priority one step");
        assertThat(names(decision)).doesNotContain("Business-critical configuration item raises priority one step");
    }

    @Test
    void anIncidentOnAConfigurationItemWithManyDependantsIsRaisedOneStepAndSaysWhy() {
        Decision decision = RULES.decide(ticket().ci("MEDIUM", 12, true).build());

        assertThat(decision.priority()).isEqualTo(Priority.P2);
        assertThat(decision.rulesFired()).contains(new Decision.FiredRule(
                "Incident on a configuration item with many dependants raises priority one step",
                "the configuration item has many dependants: P3 -> P2"));
    }

    @Test
    void fewDependantsOrAnotherTicketTypeRaiseNothing() {
        // the engine counted 9 dependants, below its threshold: not many
        Decision few = RULES.decide(ticket().ci("MEDIUM", 9, false).build());
        Decision request = RULES.decide(ticket().type("SERVICE_REQUEST").ci("MEDIUM", 12, true).build());

        assertThat(few.priority()).isEqualTo(Priority.P3);
        assertThat(names(few)).noneMatch(name -> name.contains("raises"));
        assertThat(request.priority()).isEqualTo(Priority.P3);
        assertThat(names(request)).noneMatch(name -> name.contains("raises"));
    }

    @Test
    void manyDependantsDoNotAddToTheRaiseOfAVipOrABusinessCriticalConfigurationItem() {
        Decision vip = RULES.decide(ticket().impact(Level.LOW).urgency(Level.LOW).vip().ci("MEDIUM", 30, true)
                .build());
        Decision critical = RULES.decide(ticket().impact(Level.LOW).urgency(Level.LOW)
                .ci("BUSINESS_CRITICAL", 30, true).build());

        assertThat(vip.priority()).isEqualTo(Priority.P4);
        assertThat(names(vip)).contains("VIP requester raises priority one step")
                .doesNotContain("Incident on a configuration item with many dependants raises priority one step");
        assertThat(critical.priority()).isEqualTo(Priority.P4);
        assertThat(names(critical)).contains("Business-critical configuration item raises priority one step")
                .doesNotContain("Incident on a configuration item with many dependants raises priority one step");
    }

    @Test
    void theFloorLiftsALessUrgentPriority() {
        Decision decision = RULES.decide(ticket().impact(Level.LOW).urgency(Level.LOW).floor(Priority.P3).build());

        assertThat(decision.priority()).isEqualTo(Priority.P3);
        assertThat(decision.rulesFired()).contains(new Decision.FiredRule(
                "Priority floor from the form lifts a less urgent priority",
                "the form requires at least P3: P5 -> P3"));
    }

    @Test
    void theFloorLeavesAMoreUrgentPriorityAlone() {
        Decision decision = RULES.decide(ticket().impact(Level.HIGH).urgency(Level.HIGH).floor(Priority.P3)
                .build());

        assertThat(decision.priority()).isEqualTo(Priority.P1);
        assertThat(names(decision)).noneMatch(name -> name.contains("floor"));
    }

    @Test
    void theFloorBoundsTheRaisedPriorityNotTheMatrixOne() {
        // P5 raised by the VIP rule is P4; the floor P3 then lifts it to P3 (not P3 raised to P2)
        Decision decision = RULES.decide(ticket().impact(Level.LOW).urgency(Level.LOW).vip().floor(Priority.P3)
                .build());

        assertThat(decision.priority()).isEqualTo(Priority.P3);
        assertThat(names(decision)).containsSubsequence("Low impact and low urgency make P5",
                "VIP requester raises priority one step", "Priority floor from the form lifts a less urgent priority");
    }

    @ParameterizedTest(name = "impact {0}, urgency {1}, floor {2}, VIP {3}")
    @MethodSource("everyImpactUrgencyFloorAndVip")
    void theResultIsNeverLessUrgentThanTheFloor(Level impact, Level urgency, Priority floor, boolean vip) {
        Tickets ticket = ticket().impact(impact).urgency(urgency).floor(floor);
        if (vip) {
            ticket.vip();
        }

        Decision decision = RULES.decide(ticket.build());

        assertThat(decision.priority()).isLessThanOrEqualTo(floor);
        assertThat(decision.priority()).isLessThanOrEqualTo(MATRIX.get(impact + "/" + urgency));
    }

    private static java.util.List<String> names(Decision decision) {
        return decision.rulesFired().stream().map(Decision.FiredRule::name).toList();
    }

    private static String capitalized(Level level) {
        return level.name().charAt(0) + level.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String lower(Level level) {
        return level.name().toLowerCase(java.util.Locale.ROOT);
    }
}
