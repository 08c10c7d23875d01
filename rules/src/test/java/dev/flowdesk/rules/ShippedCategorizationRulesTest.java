package dev.flowdesk.rules;

import static dev.flowdesk.rules.Tickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped categorization rules: keywords in German and English, the form's hint, the sender domain. */
class ShippedCategorizationRulesTest {

    private static final RuleBase RULES = RuleSetCompiler.shipped();

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Drucker im 2. OG druckt nicht               | printer  | Tickets mentioning a printer are printer tickets
            Netzwerkdrucker zeigt Papierstau            | printer  | Tickets mentioning a printer are printer tickets
            The printer on floor 2 is jammed            | printer  | Tickets mentioning a printer are printer tickets
            Passwort abgelaufen                         | password | Tickets mentioning a password are password tickets
            Please reset my PASSWORD                    | password | Tickets mentioning a password are password tickets
            VPN-Verbindung bricht ab                    | vpn      | Tickets mentioning VPN are vpn tickets
            cannot connect to the vpn from home         | vpn      | Tickets mentioning VPN are vpn tickets
            E-Mail kommt nicht an                       | email    | Tickets mentioning e-mail or Outlook are email tickets
            Outlook crashes on start                    | email    | Tickets mentioning e-mail or Outlook are email tickets
            my emails bounce                            | email    | Tickets mentioning e-mail or Outlook are email tickets
            Netzwerk sehr langsam                       | network  | Tickets mentioning the network or wifi are network tickets
            WLAN im Besprechungsraum weg                | network  | Tickets mentioning the network or wifi are network tickets
            no wifi in the meeting room                 | network  | Tickets mentioning the network or wifi are network tickets
            the network share is slow                   | network  | Tickets mentioning the network or wifi are network tickets
            Hardware defekt                             | hardware | Tickets mentioning hardware, a laptop or a monitor are hardware tickets
            Laptop startet nicht                        | hardware | Tickets mentioning hardware, a laptop or a monitor are hardware tickets
            second monitor flickers                     | hardware | Tickets mentioning hardware, a laptop or a monitor are hardware tickets
            Bitte Software installieren                 | software | Tickets mentioning software, an installation or a licence are software tickets
            Lizenz für Visio abgelaufen                 | software | Tickets mentioning software, an installation or a licence are software tickets
            please install the new client               | software | Tickets mentioning software, an installation or a licence are software tickets
            license expired                             | software | Tickets mentioning software, an installation or a licence are software tickets
            Zugang zum Laufwerk S                       | access   | Tickets asking for access or permissions are access tickets
            Zugriff auf das Finanzverzeichnis           | access   | Tickets asking for access or permissions are access tickets
            Berechtigung für SAP benötigt               | access   | Tickets asking for access or permissions are access tickets
            need access to the finance share            | access   | Tickets asking for access or permissions are access tickets
            missing permission on the wiki              | access   | Tickets asking for access or permissions are access tickets
            """)
    void keywordsInTheSubjectSetTheCategory(String subject, String category, String rule) {
        Decision decision = RULES.decide(ticket().subject(subject).build());

        assertThat(decision.category()).isEqualTo(category);
        assertThat(decision.rulesFired()).first().satisfies(fired -> {
            assertThat(fired.name()).isEqualTo(rule);
            assertThat(fired.reason()).startsWith("subject or description mentions ");
        });
    }

    @Test
    void keywordsInTheDescriptionCountToo() {
        Decision decision = RULES.decide(ticket().subject("Hilfe").description("Der Drucker\nist kaputt").build());

        assertThat(decision.category()).isEqualTo("printer");
    }

    @Test
    void englishKeywordsMatchWholeWordsOnly() {
        // "accessory" is not "access", "monitoring" is not "monitor"
        Decision decision = RULES.decide(ticket().subject("order an accessory for monitoring").build());

        assertThat(decision.category()).isEqualTo("uncategorized");
    }

    @Test
    void specificServicesWinOverGenericOnes() {
        assertThat(RULES.decide(ticket().subject("VPN Passwort abgelaufen").build()).category())
                .isEqualTo("password");
        assertThat(RULES.decide(ticket().subject("Netzwerkdrucker offline").build()).category())
                .isEqualTo("printer");
        assertThat(RULES.decide(ticket().subject("no access to the VPN").build()).category()).isEqualTo("vpn");
    }

    @Test
    void aCategoryChosenOnTheFormWinsOverKeywords() {
        Decision decision = RULES.decide(ticket().subject("Drucker kaputt").categoryHint(" Network ").build());

        assertThat(decision.category()).isEqualTo("network");
        assertThat(decision.rulesFired()).first().isEqualTo(new Decision.FiredRule(
                "Category chosen on the form wins over keywords", "the requester chose the category on the form"));
        assertThat(names(decision)).noneMatch(name -> name.startsWith("Tickets mentioning"));
    }

    @Test
    void aBlankCategoryHintIsIgnored() {
        Decision decision = RULES.decide(ticket().subject("Drucker kaputt").categoryHint("  ").build());

        assertThat(decision.category()).isEqualTo("printer");
    }

    @Test
    void alertsFromTheMonitoringDomainAreNetworkTickets() {
        Decision decision = RULES.decide(ticket().from("alerts@monitoring.example").subject("Disk 90% full")
                .build());

        assertThat(decision.category()).isEqualTo("network");
        assertThat(names(decision)).first().isEqualTo("Alerts from the network monitoring domain are network tickets");
    }

    @Test
    void requestersFromThePartnerDomainAreTaggedPartner() {
        Decision decision = RULES.decide(ticket().from("eve@partner.example").subject("Drucker").build());

        assertThat(decision.tags()).containsExactly("partner");
        assertThat(decision.category()).isEqualTo("printer");
        assertThat(names(decision)).contains("Requesters from partner.example are tagged partner");
    }

    @Test
    void aTicketMatchingNothingIsUncategorizedAndGoesToTheDispatcherWithDefaultTargets() {
        Decision decision = RULES.decide(ticket().subject("Frage").description("Wer hat an der Uhr gedreht?")
                .build());

        assertThat(decision.category()).isEqualTo("uncategorized");
        assertThat(decision.queue()).isEqualTo("dispatcher");
        assertThat(decision.priority()).isEqualTo(Priority.P3);
        assertThat(decision.sla()).isEqualTo(new Decision.SlaTargets(240, 1440));
        assertThat(decision.tags()).isEmpty();
        assertThat(decision.approverGroup()).isNull();
        assertThat(names(decision)).containsExactly(
                "Tickets matching no category stay uncategorized",
                "Medium impact and medium urgency make P3",
                "Tickets no other routing rule claims go to the dispatcher",
                "P3 tickets are answered within 4 hours and resolved within 3 business days");
    }

    private static List<String> names(Decision decision) {
        return decision.rulesFired().stream().map(Decision.FiredRule::name).toList();
    }
}
