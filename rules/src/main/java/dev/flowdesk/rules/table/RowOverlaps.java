package dev.flowdesk.rules.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The warnings of a table where only one row may win (FIRST, PRIORITY): rows that can match the same ticket (the
 * earlier, or higher, one wins; with PRIORITY only a tie in precedence is reported) and rows that can never win
 * because an earlier row matches every ticket they match. Keyword conditions can always meet (a text may mention
 * both lists), so they overlap; a keyword row is shadowed only by one whose keywords include all of its own.
 * A row that matches anything (no condition) is the table's "otherwise": its overlaps are the point, so they are
 * not reported, but rows after it are unreachable. An earlier row whose action may not apply (raising a priority
 * that is already P1) shadows nothing.
 */
final class RowOverlaps {

    private RowOverlaps() {
    }

    static List<TableProblem> warnings(Checked checked) {
        List<TableProblem> warnings = new ArrayList<>();
        for (Checked.Table table : checked.tables()) {
            if (table.hitPolicy() == HitPolicy.COLLECT) {
                continue;
            }
            List<Checked.Row> order = new ArrayList<>(table.rows());
            if (table.hitPolicy() == HitPolicy.PRIORITY) {
                order.sort(Comparator.comparingInt(Checked.Row::precedence).reversed()
                        .thenComparingInt(Checked.Row::index));
            }
            for (int i = 0; i < order.size(); i++) {
                Checked.Row later = order.get(i);
                String path = "tables[" + table.index() + "].rows[" + later.index() + "]";
                Set<Integer> overlapping = new LinkedHashSet<>();
                Integer shadowedBy = null;
                for (int j = 0; j < i; j++) {
                    Checked.Row earlier = order.get(j);
                    if (!meet(table, earlier, later)) {
                        continue;
                    }
                    if (shadowedBy == null && !earlier.hasConditionalAction(table.actions())
                            && covers(table, earlier, later)) {
                        shadowedBy = earlier.index() + 1;
                    }
                    boolean tie = table.hitPolicy() == HitPolicy.FIRST
                            || earlier.precedence() == later.precedence();
                    if (tie && !earlier.matchesAnything() && !later.matchesAnything()) {
                        overlapping.add(earlier.index() + 1);
                    }
                }
                if (shadowedBy != null) {
                    warnings.add(new TableProblem(table.name(), later.index() + 1, null, path, "the row is unreachable:"
                            + " row " + shadowedBy + " matches every ticket it matches and wins"));
                } else if (!overlapping.isEmpty()) {
                    warnings.add(new TableProblem(table.name(), later.index() + 1, null, path, "the row overlaps row"
                            + (overlapping.size() > 1 ? "s " : " ") + overlapping.stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ": a ticket can match both, and under "
                            + table.hitPolicy() + " " + (table.hitPolicy() == HitPolicy.FIRST ? "the earlier row"
                            : "the earlier of rows with equal precedence") + " wins"));
                }
            }
        }
        return warnings;
    }

    /** Whether some ticket can match both rows. Keyword lists of a row are one list (they are alternatives). */
    private static boolean meet(Checked.Table table, Checked.Row a, Checked.Row b) {
        for (int c = 0; c < table.conditions().size(); c++) {
            Checked.Condition condition = table.conditions().get(c);
            Checked.Cell x = a.when().get(c);
            Checked.Cell y = b.when().get(c);
            if (x == null || y == null || condition.operator() == Operator.MENTIONS) {
                continue;
            }
            if (condition.operator() == Operator.BETWEEN ? !timesMeet(x, y) : disjoint(x.values(), y.values())) {
                return false;
            }
        }
        return true;
    }

    /** Whether every ticket the later row matches is matched by the earlier one. */
    private static boolean covers(Checked.Table table, Checked.Row earlier, Checked.Row later) {
        Set<String> earlierKeywords = keywords(table, earlier);
        Set<String> laterKeywords = keywords(table, later);
        if (earlierKeywords != null && (laterKeywords == null || !earlierKeywords.containsAll(laterKeywords))) {
            return false;
        }
        for (int c = 0; c < table.conditions().size(); c++) {
            Checked.Condition condition = table.conditions().get(c);
            Checked.Cell e = earlier.when().get(c);
            Checked.Cell l = later.when().get(c);
            if (e == null || condition.operator() == Operator.MENTIONS) {
                continue;
            }
            if (l == null) {
                return false;
            }
            if (condition.operator() == Operator.BETWEEN ? !timeContains(e, l)
                    : !e.values().containsAll(l.values())) {
                return false;
            }
        }
        return true;
    }

    /** All keywords of a row's keyword columns, or null when it has none. */
    private static Set<String> keywords(Checked.Table table, Checked.Row row) {
        Set<String> keywords = null;
        for (int c = 0; c < table.conditions().size(); c++) {
            if (table.conditions().get(c).operator() == Operator.MENTIONS && row.when().get(c) != null) {
                if (keywords == null) {
                    keywords = new LinkedHashSet<>();
                }
                keywords.addAll(row.when().get(c).literal());
            }
        }
        return keywords;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        return a.stream().noneMatch(b::contains);
    }

    private static boolean timesMeet(Checked.Cell a, Checked.Cell b) {
        for (int minute = 0; minute < 24 * 60; minute++) {
            if (inRange(a, minute) && inRange(b, minute)) {
                return true;
            }
        }
        return false;
    }

    private static boolean timeContains(Checked.Cell outer, Checked.Cell inner) {
        for (int minute = 0; minute < 24 * 60; minute++) {
            if (inRange(inner, minute) && !inRange(outer, minute)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inRange(Checked.Cell range, int minute) {
        return range.from() < range.to() ? minute >= range.from() && minute < range.to()
                : minute >= range.from() || minute < range.to();
    }
}
