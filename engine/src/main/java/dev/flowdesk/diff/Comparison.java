package dev.flowdesk.diff;

import java.util.List;

/**
 * Two versions of one artefact side by side: both texts (so the browser lines them up without a second request),
 * their line diff, and for rule tables the row diff, for BPMN the element diff (null where they do not apply).
 */
public record Comparison(String artefact, int from, int to, String fromText, String toText,
                         List<LineDiff.Line> lines, TableDiff.Result table, List<BpmnDiff.Element> elements) {

    public static Comparison ofText(String artefact, int from, int to, String fromText, String toText) {
        return new Comparison(artefact, from, to, fromText, toText, LineDiff.diff(fromText, toText), null, null);
    }

    public Comparison withTable(TableDiff.Result tableDiff) {
        return new Comparison(artefact, from, to, fromText, toText, lines, tableDiff, elements);
    }

    public Comparison withElements(List<BpmnDiff.Element> elementDiff) {
        return new Comparison(artefact, from, to, fromText, toText, lines, table, elementDiff);
    }
}
