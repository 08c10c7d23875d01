package dev.flowdesk.mail.outbound;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mail templates: both languages, and ticket data that looks like Velocity stays text. */
class MailTemplatesTest {

    private final MailTemplates templates = new MailTemplates();

    private static Map<String, String> values(String subject, String body) {
        return Map.of("number", "FD-000123", "subject", subject, "tag", "[FD-000123·k7q2]", "status", "NEW",
                "body", body);
    }

    @Test
    void theAcknowledgementCarriesTheTagInBothLanguages() {
        var english = templates.render("ack", "en", values("Printer jammed", ""));
        var german = templates.render("ack", "de", values("Drucker klemmt", ""));

        assertThat(english.subject()).isEqualTo("[FD-000123·k7q2] Printer jammed");
        assertThat(english.body()).contains("ticket FD-000123");
        assertThat(german.subject()).isEqualTo("[FD-000123·k7q2] Drucker klemmt");
        assertThat(german.body()).contains("vielen Dank");
        assertThat(templates.render("ack", "fr", values("x", "")).body()).contains("thank you");
    }

    @Test
    void velocityInTicketDataIsPrintedNotEvaluated() {
        String hostile = "$class.forName('java.lang.Runtime') #set($x = 1) ${number} #foreach($i in [1..3])$i#end";

        var mail = templates.render("reply", "en", values(hostile, hostile));

        assertThat(mail.subject()).isEqualTo("Re: [FD-000123·k7q2] " + hostile);
        assertThat(mail.body()).startsWith(hostile + "\n");
    }

    @Test
    void requestInformationQuotesTheQuestion() {
        var mail = templates.render("request-info", "de", values("Monitor", "Welches Modell?"));

        assertThat(mail.subject()).isEqualTo("Rückfrage: [FD-000123·k7q2] Monitor");
        assertThat(mail.body()).contains("Welches Modell?");
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        assertThatThrownBy(() -> HeaderValues.singleLine("Hello\r\nBcc: victim@example.com", "subject"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderValues.address("a@example.com\nBcc: b@example.com", "recipient"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HeaderValues.address("Eve <eve@example.com>", "recipient"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HeaderValues.address("paula@customer.example", "recipient")).isEqualTo("paula@customer.example");
    }

    @Test
    void everyNotificationTemplateRendersInBothLanguagesWithTheTagInTheSubject() {
        Map<String, String> values = new java.util.HashMap<>(values("Laptop for Max", ""));
        values.putAll(Map.of("priority", "P2", "queue", "service-desk", "reason", "No budget",
                "ticketUrl", "https://desk.example.com/#/tickets/123"));
        for (String name : java.util.List.of("approval-request", "approval-reply-refused", "approval-outcome",
                "change-rejected", "request-rejected", "request-fulfilled", "request-partly-fulfilled",
                "major-incident", "customer-reminder", "resolved", "closed", "escalation", "sla-warning",
                "sla-breach")) {
            for (String language : MailTemplates.LANGUAGES) {
                var mail = templates.render(name, language, values);
                assertThat(mail.subject()).as(name + "_" + language).contains("[FD-000123·k7q2]");
                assertThat(mail.body()).as(name + "_" + language).contains("FD-000123").doesNotContain("$");
            }
        }
        assertThat(templates.render("request-rejected", "de", values).body()).contains("Begründung: No budget");
        assertThat(templates.render("approval-request", "en", values).body()).contains("APPROVE", "REJECT");
        assertThat(templates.render("approval-request", "de", values).body()).contains("GENEHMIGT", "ABGELEHNT");
    }

    @Test
    void aTemplateNameIsAFileNameNeverAPath() {
        assertThat(templates.exists("resolved")).isTrue();
        assertThat(templates.exists("no-such-template")).isFalse();
        assertThat(templates.exists("../templates/ack")).isFalse();
        assertThat(templates.exists(null)).isFalse();
        assertThatThrownBy(() -> templates.render("no-such-template", "en", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
