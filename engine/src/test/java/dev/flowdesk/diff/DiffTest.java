package dev.flowdesk.diff;

import dev.flowdesk.rules.table.RuleTable;
import dev.flowdesk.rules.table.RuleTable.ActionColumn;
import dev.flowdesk.rules.table.RuleTable.ConditionColumn;
import dev.flowdesk.rules.table.RuleTable.DecisionTable;
import dev.flowdesk.rules.table.RuleTable.Row;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The three diffs on known inputs; the line diff also against an independent LCS on random texts. */
class DiffTest {

    @Test
    void lineDiffShowsOneChangedLineAsRemovedAndAdded() {
        List<LineDiff.Line> diff = LineDiff.diff("a\nb\nc\nd\n", "a\nB\nc\nd\ne");

        assertThat(diff).containsExactly(
                new LineDiff.Line(LineDiff.Op.SAME, 1, 1, "a"),
                new LineDiff.Line(LineDiff.Op.REMOVED, 2, null, "b"),
                new LineDiff.Line(LineDiff.Op.ADDED, null, 2, "B"),
                new LineDiff.Line(LineDiff.Op.SAME, 3, 3, "c"),
                new LineDiff.Line(LineDiff.Op.SAME, 4, 4, "d"),
                new LineDiff.Line(LineDiff.Op.ADDED, null, 5, "e"));
        assertThat(LineDiff.changed(LineDiff.diff("x\r\ny", "x\ny\n"))).isFalse();
    }

    /** Given random texts over a small alphabet, the script rebuilds both sides and is as short as an LCS allows. */
    @Test
    void lineDiffIsAShortestEditScript() {
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            List<String> a = randomLines(random);
            List<String> b = randomLines(random);

            List<LineDiff.Line> diff = LineDiff.diff(a, b);

            List<String> left = new ArrayList<>();
            List<String> right = new ArrayList<>();
            int edits = 0;
            for (LineDiff.Line line : diff) {
                if (line.op() != LineDiff.Op.ADDED) {
                    left.add(line.text());
                    assertThat(line.fromLine()).isEqualTo(left.size());
                }
                if (line.op() != LineDiff.Op.REMOVED) {
                    right.add(line.text());
                    assertThat(line.toLine()).isEqualTo(right.size());
                }
                edits += line.op() == LineDiff.Op.SAME ? 0 : 1;
            }
            assertThat(left).isEqualTo(a);
            assertThat(right).isEqualTo(b);
            assertThat(edits).isEqualTo(a.size() + b.size() - 2 * lcs(a, b));
        }
    }

    @Test
    void tableDiffNamesChangedCellsAddedRemovedAndMovedRows() {
        RuleTable before = table(List.of(
                new Row("Printer goes to field service", null, List.of("printer"), List.of("field-service"), "why"),
                new Row("Network goes to network", null, List.of("vpn"), List.of("network"), "why"),
                new Row("Old rule", null, List.of("fax"), List.of("dispatcher"), "why")));
        RuleTable after = table(List.of(
                new Row("Network goes to network", null, List.of("vpn"), List.of("network"), "why"),
                new Row("Printer goes to field service", null, List.of("printer, scanner"), List.of("field-service"),
                        "why"),
                new Row("New rule", null, List.of("phone"), List.of("telephony"), "why")));

        TableDiff.Result diff = TableDiff.diff(before, after);

        assertThat(diff.tables()).isEmpty();
        assertThat(diff.rows()).extracting(TableDiff.RowChange::row, TableDiff.RowChange::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Old rule", TableDiff.Change.REMOVED),
                org.assertj.core.groups.Tuple.tuple("Network goes to network", TableDiff.Change.MOVED),
                org.assertj.core.groups.Tuple.tuple("Printer goes to field service", TableDiff.Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("New rule", TableDiff.Change.ADDED));
        assertThat(diff.rows().get(2).cells()).containsExactly(
                new TableDiff.Cell("text mentions (en)", "printer", "printer, scanner"));
        assertThat(TableDiff.diff(before, before).changed()).isFalse();
    }

    @Test
    void bpmnDiffFindsAddedRemovedAndChangedElementsButIgnoresLayout() {
        String v1 = Bpmn.convertToString(Bpmn.createExecutableProcess("Process_Demo").name("Demo")
                .startEvent("Start").sequenceFlowId("Flow_1").userTask("Task_Check").name("Check")
                .camundaCandidateGroups("service-desk").sequenceFlowId("Flow_2").userTask("Task_Old").name("Old")
                .sequenceFlowId("Flow_3").endEvent("End").done());
        String v2 = Bpmn.convertToString(Bpmn.createExecutableProcess("Process_Demo").name("Demo")
                .startEvent("Start").sequenceFlowId("Flow_1").userTask("Task_Check").name("Check the request")
                .camundaCandidateGroups("network").sequenceFlowId("Flow_4").serviceTask("Task_New").name("New")
                .camundaDelegateExpression("${notify}").sequenceFlowId("Flow_5").endEvent("End").done());

        List<BpmnDiff.Element> diff = BpmnDiff.diff(v1, v2);

        assertThat(diff).filteredOn(e -> e.change() == BpmnDiff.Change.ADDED).extracting(BpmnDiff.Element::id)
                .contains("Task_New");
        assertThat(diff).filteredOn(e -> e.change() == BpmnDiff.Change.REMOVED).extracting(BpmnDiff.Element::id)
                .contains("Task_Old");
        BpmnDiff.Element check = diff.stream().filter(e -> e.id().equals("Task_Check")).findFirst().orElseThrow();
        assertThat(check.change()).isEqualTo(BpmnDiff.Change.CHANGED);
        assertThat(check.properties()).contains(new BpmnDiff.Property("name", "Check", "Check the request"),
                new BpmnDiff.Property("camunda:candidateGroups", "service-desk", "network"));
        assertThat(diff).extracting(BpmnDiff.Element::id).doesNotContain("Start", "Process_Demo", "Flow_1");
        assertThat(diff).filteredOn(e -> e.id().equals("End")).singleElement().satisfies(end -> assertThat(
                end.properties()).containsExactly(new BpmnDiff.Property("incoming", "[Flow_3]", "[Flow_5]")));
        assertThat(BpmnDiff.diff(withShapeAt(v1, 100), withShapeAt(v1, 300))).isEmpty();
    }

    private static String withShapeAt(String xml, int x) {
        return xml.replace("</definitions>", "<bpmndi:BPMNDiagram id=\"Diagram\"><bpmndi:BPMNPlane id=\"Plane\""
                + " bpmnElement=\"Process_Demo\"><bpmndi:BPMNShape id=\"Shape_Check\" bpmnElement=\"Task_Check\">"
                + "<dc:Bounds x=\"" + x + "\" y=\"80\" width=\"100\" height=\"80\"/></bpmndi:BPMNShape>"
                + "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></definitions>");
    }

    private static RuleTable table(List<Row> rows) {
        return new RuleTable(List.of(new DecisionTable("queue", "FIRST",
                List.of(new ConditionColumn("text", "mentions", "en", null)),
                List.of(new ActionColumn("queue")), rows)));
    }

    private static List<String> randomLines(Random random) {
        List<String> lines = new ArrayList<>();
        int size = random.nextInt(25);
        for (int i = 0; i < size; i++) {
            lines.add(String.valueOf((char) ('a' + random.nextInt(4))));
        }
        return lines;
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1
                        : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table[0][0];
    }
}
