package dev.flowdesk.rules.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.Level;
import dev.flowdesk.rules.Priority;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.RuleSetCompiler;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.rules.TicketFacts.ConfigurationItem;
import dev.flowdesk.rules.TicketFacts.Requester;

/**
 * Each shipped rule set written as a table (shipped/*.table.json) decides exactly like the shipped DRL: 10,000
 * seeded random tickets over every fact the shipped rules read, decided by the shipped rule base and by the rule
 * base generated from the tables, give the same category, priority, queue, approver group, SLA targets and tags, and
 * the same rules fired with the same reasons (as a multiset: rules of different tables with equal salience in the
 * shipped DRL fire in an order Drools chooses, so order is no part of the contract).
 */
class ShippedTablesEquivalenceTest {

    private static final int TICKETS = 10_000;
    private static RuleBase shipped;
    private static RuleBase generated;
    private static Map<String, String> generatedSources;

    @BeforeAll
    static void compileBoth() throws Exception {
        shipped = RuleSetCompiler.shipped();
        TableContext context = TableContext.fromDrl(RuleSetCompiler.shippedSources().values());
        generatedSources = new LinkedHashMap<>();
        for (Map.Entry<String, RuleTable> entry : TableJson.shipped().entrySet()) {
            generatedSources.put(entry.getKey(), TableDrl.generate(entry.getKey(), entry.getValue(), context));
        }
        generated = RuleSetCompiler.compile(generatedSources);
    }

    @Test
    void generatedRulesDecideTenThousandRandomTicketsLikeTheShippedDrl() {
        Random random = new Random(20261203L);
        int raised = 0;
        int floored = 0;
        int halved = 0;
        int fromForm = 0;
        for (int i = 0; i < TICKETS; i++) {
            TicketFacts facts = randomFacts(random);
            Decision expected = shipped.decide(facts);
            Decision actual = generated.decide(facts);
            String which = "ticket " + i + ": " + facts;
            assertThat(actual.category()).as(which).isEqualTo(expected.category());
            assertThat(actual.priority()).as(which).isEqualTo(expected.priority());
            assertThat(actual.queue()).as(which).isEqualTo(expected.queue());
            assertThat(actual.approverGroup()).as(which).isEqualTo(expected.approverGroup());
            assertThat(actual.sla()).as(which).isEqualTo(expected.sla());
            assertThat(actual.tags()).as(which).isEqualTo(expected.tags());
            assertThat(sorted(actual.rulesFired())).as(which).isEqualTo(sorted(expected.rulesFired()));
            String reasons = expected.rulesFired().toString();
            raised += reasons.contains("raises priority") ? 1 : 0;
            floored += reasons.contains("the form requires at least") ? 1 : 0;
            halved += reasons.contains("halves the targets") ? 1 : 0;
            fromForm += reasons.contains("Category chosen on the form") ? 1 : 0;
        }
        // the generator reaches every rule family, so the equality above is not about defaults only
        assertThat(raised).isGreaterThan(500);
        assertThat(floored).isGreaterThan(300);
        assertThat(halved).isGreaterThan(1000);
        assertThat(fromForm).isGreaterThan(1000);
    }

    @Test
    void everyShippedRuleHasItsRowAndFiresUnderTheSameName() {
        Random random = new Random(7L);
        java.util.Set<String> firedShipped = new java.util.TreeSet<>();
        java.util.Set<String> firedGenerated = new java.util.TreeSet<>();
        for (int i = 0; i < 3_000; i++) {
            TicketFacts facts = randomFacts(random);
            shipped.decide(facts).rulesFired().forEach(r -> firedShipped.add(r.name()));
            generated.decide(facts).rulesFired().forEach(r -> firedGenerated.add(r.name()));
        }
        assertThat(firedShipped).hasSize(38);
        assertThat(firedGenerated).isEqualTo(firedShipped);
    }

    @Test
    void generatedDrlHoldsNoCodeFromTheTableOnlyLiterals() {
        String routing = generatedSources.get("routing");
        assertThat(routing).contains("agenda-group \"routing\"")
                .contains("requester.tenant == \"acme\"")
                .contains("category in (\"printer\", \"hardware\")")
                .contains("setQueue(\"field-service\")");
    }

    private static List<String> sorted(List<Decision.FiredRule> fired) {
        List<String> rules = new ArrayList<>();
        fired.forEach(rule -> rules.add(rule.name() + " | " + rule.reason()));
        rules.sort(Comparator.naturalOrder());
        return rules;
    }

    private static final String[] WORDS = {"Drucker", "Netzwerkdrucker", "Druckertreiber", "printer", "printers",
        "printing", "Passwort", "Kennwortänderung", "password", "passwords", "VPN", "vpn-client", "vpnclient",
        "E-Mail", "email", "emails", "Outlook", "Postfach", "mailbox", "Netzwerk", "network", "networks", "WLAN",
        "wifi", "Wi-Fi", "Hardware", "Laptop", "laptops", "Notebook", "Monitor", "monitors", "Bildschirm",
        "Software", "installieren", "install", "Lizenz", "license", "licences", "Zugang", "Zugriff", "Berechtigung",
        "access", "accessory", "permission", "permissions", "Hallo", "bitte", "kaputt", "broken", "urgent", "the",
        "printed", "passwordless", "networking", "softwares", "notebooks", "monitoring"};
    private static final String[] TYPES = {"INCIDENT", "SERVICE_REQUEST", "CHANGE", "PROBLEM", "change", null};
    private static final String[] DOMAINS = {"example.com", "monitoring.example", "MONITORING.example",
        "partner.example", "Partner.Example", "acme.example", "xmonitoring.example", null};
    private static final String[] TENANTS = {null, "acme", "ACME", "globex", ""};
    private static final String[] TIERS = {"STANDARD", "GOLD", "gold", null, "SILVER"};
    private static final String[] CRITICALITIES = {null, "BUSINESS_CRITICAL", "HIGH", "LOW", "business_critical"};
    private static final String[] HINTS = {null, null, null, "", " ", "Printer", " network ", "furniture",
        "VPN", "access"};

    static TicketFacts randomFacts(Random random) {
        String subject = words(random, random.nextInt(4));
        String description = words(random, random.nextInt(6));
        String domain = pick(random, DOMAINS);
        Requester requester = random.nextInt(20) == 0 ? null : new Requester("u-" + random.nextInt(100),
                domain == null ? null : "someone@" + domain, domain, "Org", random.nextInt(5) == 0,
                pick(random, TENANTS), pick(random, TIERS));
        ConfigurationItem ci = random.nextInt(3) == 0 ? null
                : new ConfigurationItem("ci-" + random.nextInt(10), pick(random, CRITICALITIES), random.nextInt(20),
                random.nextBoolean());
        Level impact = random.nextInt(8) == 0 ? null : Level.values()[random.nextInt(3)];
        Level urgency = random.nextInt(8) == 0 ? null : Level.values()[random.nextInt(3)];
        Priority floor = random.nextInt(3) == 0 ? Priority.values()[random.nextInt(5)] : null;
        Instant now = Instant.parse("2026-01-05T00:00:00Z").plusSeconds(random.nextInt(14 * 24 * 3600));
        return new TicketFacts(pick(random, TYPES), subject, description, random.nextBoolean() ? "WEB" : "EMAIL",
                Map.of(), requester, ci, impact, urgency, pick(random, HINTS), floor, now);
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(i == 0 ? "" : random.nextBoolean() ? " " : ", ")
                    .append(random.nextInt(4) == 0 ? word.toUpperCase(java.util.Locale.ROOT) : word);
        }
        return text.toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
