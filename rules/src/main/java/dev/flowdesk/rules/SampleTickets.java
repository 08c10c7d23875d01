package dev.flowdesk.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.flowdesk.rules.TicketFacts.ConfigurationItem;
import dev.flowdesk.rules.TicketFacts.Requester;

/**
 * The tickets every rule base must decide before it may be activated. They cover every ITIL type, every impact and
 * urgency, each keyword family, and the awkward cases (anonymous requester, empty text, no CI, odd hints), because a
 * rule that throws on a null field or loops on a rare combination should fail at validation, not on a live ticket.
 */
final class SampleTickets {

    record Sample(String label, TicketFacts facts) {
    }

    private static final Instant NOW = Instant.parse("2025-01-06T09:30:00Z");
    private static final List<Sample> ALL = build();

    private SampleTickets() {
    }

    static List<Sample> all() {
        return ALL;
    }

    private static List<Sample> build() {
        List<Sample> samples = new ArrayList<>();
        Requester standard = new Requester("u-1", "ann@example.com", "example.com", "Example", false, null,
                "STANDARD");
        Requester vipGold = new Requester("u-2", "ceo@example.com", "example.com", "Example", true, null, "GOLD");
        Requester acme = new Requester("u-3", "bob@acme.example", "acme.example", "ACME", false, "acme", "STANDARD");
        Requester partner = new Requester("u-4", "eve@partner.example", "partner.example", "Partner", false, null,
                null);
        ConfigurationItem critical = new ConfigurationItem("ci-erp", "BUSINESS_CRITICAL");

        for (Level impact : Level.values()) {
            for (Level urgency : Level.values()) {
                samples.add(new Sample("impact " + impact + ", urgency " + urgency,
                        facts("INCIDENT", "Something is wrong", "", standard, null, impact, urgency, null, null)));
            }
        }
        String[] texts = {"Drucker druckt nicht", "Printer jammed", "Passwort vergessen", "password reset",
            "VPN bricht ab", "E-Mail kommt nicht an", "Outlook crashes", "Netzwerk langsam", "wifi down",
            "Laptop defekt", "Monitor flickers", "Software installieren", "license expired",
            "Zugriff auf Laufwerk", "need access to the share", "Hallo", ""};
        for (String text : texts) {
            samples.add(new Sample("subject \"" + text + "\"",
                    facts("INCIDENT", text, text, standard, null, null, null, null, null)));
        }
        for (String type : new String[] {"SERVICE_REQUEST", "CHANGE", "PROBLEM", "UNKNOWN", null}) {
            samples.add(new Sample("type " + type,
                    facts(type, "Bitte neuen Zugang", "", standard, null, null, null, null, null)));
        }
        samples.add(new Sample("VIP gold requester with a business-critical CI, all HIGH",
                facts("INCIDENT", "ERP down", "", vipGold, critical, Level.HIGH, Level.HIGH, null, null)));
        samples.add(new Sample("VIP requester, LOW/LOW, floor P2",
                facts("INCIDENT", "", "", vipGold, critical, Level.LOW, Level.LOW, null, Priority.P2)));
        samples.add(new Sample("tenant acme",
                facts("INCIDENT", "printer", "", acme, new ConfigurationItem("ci-x", null), null, null, "network",
                        Priority.P5)));
        samples.add(new Sample("partner domain with a blank category hint",
                facts("SERVICE_REQUEST", "x", "y", partner, null, Level.LOW, Level.HIGH, " ", Priority.P1)));
        samples.add(new Sample("anonymous requester, no facts at all",
                new TicketFacts(null, null, null, null, null, null, null, null, null, null, null, null)));
        samples.add(new Sample("requester without any attribute",
                facts("INCIDENT", "vpn", "", new Requester(null, null, null, null, false, null, null), null, null,
                        null, "Printer", null)));
        return List.copyOf(samples);
    }

    private static TicketFacts facts(String type, String subject, String description, Requester requester,
                                     ConfigurationItem ci, Level impact, Level urgency, String hint,
                                     Priority floor) {
        return new TicketFacts(type, subject, description, "WEB", Map.of(), requester, ci, impact, urgency, hint,
                floor, NOW);
    }
}
