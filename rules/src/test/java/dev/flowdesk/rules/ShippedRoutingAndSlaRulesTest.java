package dev.flowdesk.rules;

import static dev.flowdesk.rules.Tickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped routing and SLA rules: category and tenant to queue, type to approvers, priority and tier to targets. */
class ShippedRoutingAndSlaRulesTest {

    private static final RuleBase RULES = RuleSetCompiler.shipped();

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource(delimiter = '|', textBlock = """
            printer       | field-service | Printer and hardware tickets go to field service
            hardware      | field-service | Printer and hardware tickets go to field service
            network       | network       | Network and VPN tickets go to the network team
            vpn           | network       | Network and VPN tickets go to the network team
            email         | service-desk  | Email, software, password and access tickets go to the service desk
            software      | service-desk  | Email, software, password and access tickets go to the service desk
            password      | service-desk  | Email, software, password and access tickets go to the service desk
            access        | service-desk  | Email, software, password and access tickets go to the service desk
            uncategorized | dispatcher    | Tickets no other routing rule claims go to the dispatcher
            furniture     | dispatcher    | Tickets no other routing rule claims go to the dispatcher
            """)
    void theCategoryChoosesTheQueue(String category, String queue, String rule) {
        Decision decision = RULES.decide(ticket().categoryHint(category).build());

        assertThat(decision.queue()).isEqualTo(queue);
        assertThat(names(decision)).contains(rule);
    }

    @Test
    void tenantAcmeGoesToItsOwnServiceDeskWhateverTheCategory() {
        Decision decision = RULES.decide(ticket().tenant("acme").subject("Drucker kaputt").build());

        assertThat(decision.category()).isEqualTo("printer");
        assertThat(decision.queue()).isEqualTo("acme-service-desk");
        assertThat(names(decision)).contains("Tickets of tenant acme go to the acme service desk")
                .doesNotContain("Printer and hardware tickets go to field service");
    }

    @Test
    void otherTenantsAreRoutedByCategory() {
        Decision decision = RULES.decide(ticket().tenant("globex").subject("Drucker kaputt").build());

        assertThat(decision.queue()).isEqualTo("field-service");
    }

    @Test
    void changesAreApprovedByTheChangeAdvisoryBoard() {
        Decision decision = RULES.decide(ticket().type("CHANGE").subject("Firewall-Regel ändern").build());

        assertThat(decision.approverGroup()).isEqualTo("change-advisory-board");
        assertThat(names(decision)).contains("Changes are approved by the change advisory board");
    }

    @Test
    void serviceRequestsAreApprovedByTheServiceApprovers() {
        Decision decision = RULES.decide(ticket().type("SERVICE_REQUEST").subject("Neuer Laptop").build());

        assertThat(decision.approverGroup()).isEqualTo("service-approvers");
        assertThat(names(decision)).contains("Service requests are approved by the service approvers");
    }

    @Test
    void incidentsNeedNoApproval() {
        assertThat(RULES.decide(ticket().type("INCIDENT").build()).approverGroup()).isNull();
    }

    @ParameterizedTest(name = "{0}/{1}: respond {2}, resolve {3}")
    @CsvSource(textBlock = """
            HIGH,   HIGH,   15,  240, P1 tickets are answered within 15 minutes and resolved within 4 hours
            HIGH,   MEDIUM, 30,  480, P2 tickets are answered within 30 minutes and resolved within 1 business day
            MEDIUM, MEDIUM, 240, 1440, P3 tickets are answered within 4 hours and resolved within 3 business days
            MEDIUM, LOW,    480, 2880, P4 tickets are answered within 1 business day and resolved within 6 business days
            LOW,    LOW,    960, 4800, P5 tickets are answered within 2 business days and resolved within 10 business days
            """)
    void standardTargetsFollowThePriority(Level impact, Level urgency, int respond, int resolve, String rule) {
        Decision decision = RULES.decide(ticket().impact(impact).urgency(urgency).build());

        assertThat(decision.sla()).isEqualTo(new Decision.SlaTargets(respond, resolve));
        assertThat(names(decision)).last().isEqualTo(rule);
    }

    @ParameterizedTest(name = "GOLD {0}/{1}: respond {2}, resolve {3}")
    @CsvSource(textBlock = """
            HIGH,   HIGH,   7,   120
            HIGH,   MEDIUM, 15,  240
            MEDIUM, MEDIUM, 120, 720
            MEDIUM, LOW,    240, 1440
            LOW,    LOW,    480, 2400
            """)
    void goldCustomersGetHalfTheTargets(Level impact, Level urgency, int respond, int resolve) {
        Decision decision = RULES.decide(ticket().impact(impact).urgency(urgency).tier("GOLD").build());

        assertThat(decision.sla()).isEqualTo(new Decision.SlaTargets(respond, resolve));
        assertThat(decision.rulesFired()).last().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("Gold customers get half the standard targets");
            assertThat(rule.reason()).startsWith("customer tier GOLD halves the targets: respond ");
        });
    }

    @Test
    void targetsFollowTheFinalPriorityAfterRaiseAndFloor() {
        // MEDIUM/LOW = P4, VIP raise -> P3
        Decision decision = RULES.decide(ticket().impact(Level.MEDIUM).urgency(Level.LOW).vip().build());

        assertThat(decision.priority()).isEqualTo(Priority.P3);
        assertThat(decision.sla()).isEqualTo(new Decision.SlaTargets(240, 1440));
    }

    @Test
    void aFullDecisionExplainsEveryStepInFiringOrder() {
        Decision decision = RULES.decide(ticket().type("CHANGE").subject("Netzwerkdrucker druckt nicht")
                .impact(Level.LOW).urgency(Level.LOW).vip().tier("GOLD").floor(Priority.P3).build());

        assertThat(decision).isEqualTo(new Decision("field-service", Priority.P3, "printer",
                new Decision.SlaTargets(120, 720), List.of(), "change-advisory-board", List.of(
                        new Decision.FiredRule("Tickets mentioning a printer are printer tickets",
                                "subject or description mentions Drucker/printer"),
                        new Decision.FiredRule("Low impact and low urgency make P5",
                                "impact LOW and urgency LOW give P5"),
                        new Decision.FiredRule("VIP requester raises priority one step",
                                "the requester is a VIP: P5 -> P4"),
                        new Decision.FiredRule("Priority floor from the form lifts a less urgent priority",
                                "the form requires at least P3: P4 -> P3"),
                        new Decision.FiredRule("Printer and hardware tickets go to field service",
                                "printers and hardware need someone on site"),
                        new Decision.FiredRule("Changes are approved by the change advisory board",
                                "ITIL: every change needs approval by the change advisory board"),
                        new Decision.FiredRule(
                                "P3 tickets are answered within 4 hours and resolved within 3 business days",
                                "standard targets for P3: respond 240, resolve 1440 business minutes"),
                        new Decision.FiredRule("Gold customers get half the standard targets",
                                "customer tier GOLD halves the targets: respond 240 -> 120, resolve 1440 -> 720"))));
    }

    private static List<String> names(Decision decision) {
        return decision.rulesFired().stream().map(Decision.FiredRule::name).toList();
    }
}
