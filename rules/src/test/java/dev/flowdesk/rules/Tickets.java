package dev.flowdesk.rules;

import java.time.Instant;
import java.util.Map;

import dev.flowdesk.rules.TicketFacts.ConfigurationItem;
import dev.flowdesk.rules.TicketFacts.Requester;

/** Readable test tickets: {@code ticket().subject("Drucker").vip().build()}. Defaults are a plain MEDIUM incident. */
final class Tickets {

    static final Instant NOW = Instant.parse("2025-03-03T10:15:00Z");

    private String type = "INCIDENT";
    private String subject = "";
    private String description = "";
    private String email = "ann@example.com";
    private String domain = "example.com";
    private boolean vip;
    private String tenant;
    private String tier = "STANDARD";
    private ConfigurationItem ci;
    private Level impact = Level.MEDIUM;
    private Level urgency = Level.MEDIUM;
    private String categoryHint;
    private Priority floor;

    static Tickets ticket() {
        return new Tickets();
    }

    Tickets type(String type) {
        this.type = type;
        return this;
    }

    Tickets subject(String subject) {
        this.subject = subject;
        return this;
    }

    Tickets description(String description) {
        this.description = description;
        return this;
    }

    Tickets from(String email) {
        this.email = email;
        this.domain = email.substring(email.indexOf('@') + 1);
        return this;
    }

    Tickets vip() {
        this.vip = true;
        return this;
    }

    Tickets tenant(String tenant) {
        this.tenant = tenant;
        return this;
    }

    Tickets tier(String tier) {
        this.tier = tier;
        return this;
    }

    Tickets ci(String criticality) {
        this.ci = new ConfigurationItem("ci-1", criticality);
        return this;
    }

    /** A CI of this criticality on which {@code dependants} CIs depend, {@code many} of them by the threshold. */
    Tickets ci(String criticality, int dependants, boolean many) {
        this.ci = new ConfigurationItem("ci-1", criticality, dependants, many);
        return this;
    }

    Tickets impact(Level impact) {
        this.impact = impact;
        return this;
    }

    Tickets urgency(Level urgency) {
        this.urgency = urgency;
        return this;
    }

    Tickets categoryHint(String categoryHint) {
        this.categoryHint = categoryHint;
        return this;
    }

    Tickets floor(Priority floor) {
        this.floor = floor;
        return this;
    }

    TicketFacts build() {
        return new TicketFacts(type, subject, description, "WEB", Map.of(),
                new Requester("u-1", email, domain, "Example", vip, tenant, tier), ci, impact, urgency,
                categoryHint, floor, NOW);
    }
}
