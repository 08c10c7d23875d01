package dev.flowdesk.rules.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.RuleBase;
import dev.flowdesk.rules.RuleSetCompiler;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.rules.table.RuleTable.ActionColumn;
import dev.flowdesk.rules.table.RuleTable.ConditionColumn;
import dev.flowdesk.rules.table.RuleTable.DecisionTable;
import dev.flowdesk.rules.table.RuleTable.Row;

/** What the table check refuses (naming row and column) and what it only warns about. */
class TableCheckTest {

    private static final TableContext CONTEXT = TableContext.fromDrl(RuleSetCompiler.shippedSources().values());

    @Test
    void theShippedTablesHaveNoErrors() {
        TableJson.shipped().forEach((name, table) ->
                assertThat(TableCheck.check(table, CONTEXT).errors()).as(name).isEmpty());
    }

    @Test
    void badCellsAreNamedByTableRowAndColumn() {
        RuleTable table = routing(
                row("Printers", List.of("", "printr"), List.of("field-service")),
                row("Floors", List.of("", "network"), List.of("network")));
        RuleTable withBadPriority = new RuleTable(List.of(new DecisionTable("targets", "FIRST",
                List.of(new ConditionColumn("priority", "eq")),
                List.of(new ActionColumn("first-response-minutes")),
                List.of(row("P9", List.of("P9"), List.of("15")), row("P1", List.of("P1"), List.of("fifteen"))))));

        TableProblem category = TableCheck.check(table, CONTEXT).errors().get(0);
        List<TableProblem> sla = TableCheck.check(withBadPriority, CONTEXT).errors();

        assertThat(category.table()).isEqualTo("queue");
        assertThat(category.row()).isEqualTo(1);
        assertThat(category.column()).isEqualTo("category in");
        assertThat(category.path()).isEqualTo("tables[0].rows[0].when[1]");
        assertThat(category.message()).startsWith("unknown category \"printr\"").contains("printer");
        assertThat(sla).extracting(TableProblem::toString).containsExactly(
                "table \"targets\", row 1, column \"priority eq\": \"P9\" is not a priority: P1, P2, P3, P4 or P5",
                "table \"targets\", row 2, column \"then first-response-minutes\": \"fifteen\" is not a whole number"
                        + " (business minutes)");
    }

    @Test
    void unknownFieldsOperatorsActionsAndHitPoliciesAreRefusedAtTheirColumn() {
        RuleTable table = new RuleTable(List.of(new DecisionTable("queue", "SOMETIMES",
                List.of(new ConditionColumn("requester.shoeSize", "eq"), new ConditionColumn("impact", "mentions")),
                List.of(new ActionColumn("launch-rocket")), List.of())));

        List<TableProblem> errors = TableCheck.check(table, CONTEXT).errors();

        assertThat(errors).extracting(TableProblem::path).containsExactly("tables[0].hitPolicy",
                "tables[0].conditions[0].field", "tables[0].conditions[1].operator", "tables[0].actions[0].action");
        assertThat(errors.get(1).message()).startsWith("unknown field \"requester.shoeSize\"");
        assertThat(errors.get(2).message()).contains("offers the operators eq, in, >=, <=");
    }

    @Test
    void codeInACellNeverReachesTheDrl() {
        RuleTable table = routing(row("Sneaky", List.of("acme\") || true || (\"", ""), List.of("x\"); System.exit(1); //")));

        List<TableProblem> errors = TableCheck.check(table, CONTEXT).errors();

        assertThat(errors).extracting(TableProblem::column).containsExactly("requester.tenant eq", "then queue");
        assertThatThrownBy(() -> TableDrl.generate("routing", table, CONTEXT))
                .isInstanceOf(TableValidationException.class);
        // a tenant may hold any text but a quote or backslash: that one is refused too
        RuleTable quoted = routing(row("Quoted", List.of("acme\"", ""), List.of("network")));
        assertThat(TableCheck.check(quoted, CONTEXT).errors()).extracting(TableProblem::column)
                .containsExactly("requester.tenant eq");
    }

    @Test
    void overlappingAndUnreachableRowsAreWarningsNotErrors() {
        RuleTable table = routing(
                row("Network first", List.of("", "network, vpn"), List.of("network")),
                row("Acme network", List.of("acme", "network"), List.of("acme-service-desk")),
                row("Acme any", List.of("acme", ""), List.of("acme-service-desk")),
                row("Everything else", List.of("", ""), List.of("dispatcher")),
                row("After the catch-all", List.of("globex", ""), List.of("globex-desk")));

        TableCheck.Result result = TableCheck.check(table, CONTEXT);

        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).extracting(w -> w.row() + ": " + w.message()).containsExactly(
                "2: the row is unreachable: row 1 matches every ticket it matches and wins",
                "3: the row overlaps rows 1, 2: a ticket can match both, and under FIRST the earlier row wins",
                "5: the row is unreachable: row 4 matches every ticket it matches and wins");
    }

    @Test
    void firstLetsOneRowWinCollectAppliesEveryRowAndTimeOfDayIsAFact() throws Exception {
        RuleTable table = new RuleTable(List.of(
                new DecisionTable("queue", "FIRST",
                        List.of(new ConditionColumn("now", "between", null, "Europe/Berlin"),
                                new ConditionColumn("impact", ">=")),
                        List.of(new ActionColumn("queue")),
                        List.of(row("Out of hours go on call", List.of("18:00-08:00", ""), List.of("on-call")),
                                row("High impact goes to major incidents", List.of("", "HIGH"), List.of("major")),
                                row("Others go to the desk", List.of("", ""), List.of("service-desk")))),
                new DecisionTable("tags", "COLLECT",
                        List.of(new ConditionColumn("impact", "in")),
                        List.of(new ActionColumn("tag")),
                        List.of(row("Tag impact", List.of("HIGH, MEDIUM"), List.of("impact")),
                                row("Tag all", List.of(""), List.of("seen"))))));
        Map<String, String> sources = new java.util.LinkedHashMap<>(RuleSetCompiler.shippedSources());
        sources.put("routing", TableDrl.generate("routing", table, CONTEXT));
        RuleBase rules = RuleSetCompiler.compile(sources);

        Decision night = rules.decide(facts("2026-01-05T20:30:00Z", dev.flowdesk.rules.Level.HIGH));
        Decision day = rules.decide(facts("2026-01-05T10:00:00Z", dev.flowdesk.rules.Level.HIGH));
        Decision quiet = rules.decide(facts("2026-01-05T10:00:00Z", dev.flowdesk.rules.Level.LOW));

        assertThat(night.queue()).isEqualTo("on-call");
        assertThat(day.queue()).isEqualTo("major");
        assertThat(quiet.queue()).isEqualTo("service-desk");
        assertThat(day.tags()).containsExactly("impact", "seen");
        assertThat(quiet.tags()).containsExactly("seen");
        assertThat(names(day)).contains("High impact goes to major incidents")
                .doesNotContain("Others go to the desk", "Out of hours go on call");
    }

    @Test
    void priorityHitPolicyLetsTheHighestPrecedenceWin() throws Exception {
        RuleTable table = new RuleTable(List.of(new DecisionTable("queue", "PRIORITY",
                List.of(new ConditionColumn("type", "eq")),
                List.of(new ActionColumn("queue")),
                List.of(new Row("Anything to the desk", 1, List.of(""), List.of("service-desk"), "default"),
                        new Row("Changes to the CAB", 10, List.of("CHANGE"), List.of("cab"), "changes")))));
        Map<String, String> sources = new java.util.LinkedHashMap<>(RuleSetCompiler.shippedSources());
        sources.put("routing", TableDrl.generate("routing", table, CONTEXT));
        RuleBase rules = RuleSetCompiler.compile(sources);

        assertThat(rules.decide(new TicketFacts("CHANGE", "x", "", "WEB", null, null, null, null, null, null, null,
                null)).queue()).isEqualTo("cab");
        assertThat(rules.decide(new TicketFacts("INCIDENT", "x", "", "WEB", null, null, null, null, null, null,
                null, null)).queue()).isEqualTo("service-desk");
    }

    private static TicketFacts facts(String now, dev.flowdesk.rules.Level impact) {
        return new TicketFacts("INCIDENT", "x", "", "WEB", null, null, null, impact, null, null, null,
                java.time.Instant.parse(now));
    }

    private static Set<String> names(Decision decision) {
        Set<String> names = new java.util.HashSet<>();
        decision.rulesFired().forEach(rule -> names.add(rule.name()));
        return names;
    }

    private static RuleTable routing(Row... rows) {
        return new RuleTable(List.of(new DecisionTable("queue", "FIRST",
                List.of(new ConditionColumn("requester.tenant", "eq"), new ConditionColumn("category", "in")),
                List.of(new ActionColumn("queue")), new ArrayList<>(List.of(rows)))));
    }

    private static Row row(String name, List<String> when, List<String> then) {
        return new Row(name, null, when, then, "because");
    }
}
