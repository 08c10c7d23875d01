package dev.flowdesk.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report overview as CSV ({@code GET /api/reports/overview.csv} and {@code /api/reports/{name}?format=csv}): one
 * figure per line, {@code section,key,metric,value}, RFC 4180 quoting and no cell a spreadsheet would run.
 */
final class ReportCsv {

    private ReportCsv() {
    }

    /** The overview as CSV, one figure per line: {@code section,key,metric,value}. */
    static String of(TicketReports.Overview o) {
        return csv(rows(o), null);
    }

    /**
     * The named reports of the public contract ({@code GET /api/reports/{name}}), each a part of the overview: the CSV
     * sections it keeps. Unknown names answer 404.
     */
    static final Map<String, java.util.Set<String>> NAMED = Map.of(
            "sla-compliance", java.util.Set.of("totals:responseCompliance", "totals:resolutionCompliance", "sla"),
            "backlog", java.util.Set.of("backlog", "backlogAge", "backlogQueue"),
            "volume", java.util.Set.of("totals:created", "category", "channel", "type", "day"),
            "resolution-times", java.util.Set.of("totals:meanResponseMinutes", "totals:meanResolutionMinutes",
                    "totals:resolved", "totals:reopenRate", "totals:firstContactRate"),
            "satisfaction", java.util.Set.of("satisfaction", "satisfactionScore", "satisfactionAgent",
                    "satisfactionQueue"),
            "time-spent", java.util.Set.of("time", "timeActivity", "timeQueue"));

    /** One named report as CSV lines ({@code section,key,metric,value}), the overview's lines it keeps. */
    static String of(TicketReports.Overview o, String name) {
        return csv(rows(o), NAMED.get(name));
    }

    private static String csv(List<String[]> rows, java.util.Set<String> keep) {
        StringBuilder out = new StringBuilder("section,key,metric,value\r\n");
        for (String[] row : rows) {
            if (keep != null && !keep.contains(row[0]) && !keep.contains(row[0] + ":" + row[2])) {
                continue;
            }
            for (int i = 0; i < row.length; i++) {
                out.append(i == 0 ? "" : ",").append(cell(row[i]));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static List<String[]> rows(TicketReports.Overview o) {
        List<String[]> rows = new ArrayList<>();
        TicketReports.Totals t = o.totals();
        add(rows, "totals", "", "created", t.created());
        add(rows, "totals", "", "resolved", t.resolved());
        add(rows, "totals", "", "closed", t.closed());
        add(rows, "totals", "", "reopened", t.reopened());
        add(rows, "totals", "", "reopenRate", t.reopenRate());
        add(rows, "totals", "", "firstContactResolved", t.firstContactResolved());
        add(rows, "totals", "", "firstContactRate", t.firstContactRate());
        add(rows, "totals", "", "meanResponseMinutes", t.meanResponseMinutes());
        add(rows, "totals", "", "meanResolutionMinutes", t.meanResolutionMinutes());
        add(rows, "totals", "", "responseCompliance", t.responseCompliance());
        add(rows, "totals", "", "resolutionCompliance", t.resolutionCompliance());
        for (TicketReports.SlaRow r : o.sla()) {
            String key = r.queue() + "/" + r.priority();
            add(rows, "sla", key, "responseMet", r.responseMet());
            add(rows, "sla", key, "responseBreached", r.responseBreached());
            add(rows, "sla", key, "responsePending", r.responsePending());
            add(rows, "sla", key, "resolutionMet", r.resolutionMet());
            add(rows, "sla", key, "resolutionBreached", r.resolutionBreached());
            add(rows, "sla", key, "resolutionPending", r.resolutionPending());
        }
        o.byCategory().forEach(c -> add(rows, "category", c.key(), "count", c.count()));
        o.byChannel().forEach(c -> add(rows, "channel", c.key(), "count", c.count()));
        o.byType().forEach(c -> add(rows, "type", c.key(), "count", c.count()));
        o.byDay().forEach(c -> add(rows, "day", c.key(), "count", c.count()));
        add(rows, "backlog", "", "total", o.backlog().total());
        o.backlog().byAge().forEach(c -> add(rows, "backlogAge", c.key(), "count", c.count()));
        o.backlog().byQueue().forEach(c -> add(rows, "backlogQueue", c.key(), "count", c.count()));
        add(rows, "satisfaction", "", "count", o.satisfaction().count());
        add(rows, "satisfaction", "", "mean", o.satisfaction().mean());
        o.satisfaction().byScore().forEach(c -> add(rows, "satisfactionScore", c.key(), "count", c.count()));
        for (TicketReports.RatingGroup g : o.satisfaction().byAgent()) {
            add(rows, "satisfactionAgent", g.key(), "count", g.count());
            add(rows, "satisfactionAgent", g.key(), "mean", g.mean());
        }
        for (TicketReports.RatingGroup g : o.satisfaction().byQueue()) {
            add(rows, "satisfactionQueue", g.key(), "count", g.count());
            add(rows, "satisfactionQueue", g.key(), "mean", g.mean());
        }
        add(rows, "time", "", "totalMinutes", o.time().totalMinutes());
        o.time().byActivity().forEach(c -> add(rows, "timeActivity", c.key(), "minutes", c.count()));
        o.time().byQueue().forEach(c -> add(rows, "timeQueue", c.key(), "minutes", c.count()));
        return rows;
    }

    private static void add(List<String[]> rows, String section, String key, String metric, Object value) {
        rows.add(new String[] {section, key, metric, value == null ? "" : String.valueOf(value)});
    }

    /** RFC 4180 quoting, and no cell that a spreadsheet would run as a formula (CSV injection). */
    private static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?[0-9.]+")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
