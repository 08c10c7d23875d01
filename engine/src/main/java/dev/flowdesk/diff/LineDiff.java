package dev.flowdesk.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A line diff of two texts (BPMN XML, form JSON, DRL, mail templates) by Myers' O((N+M)·D) algorithm: the shortest
 * edit script, so a one-line change in a 3,000-line model answers with one removed and one added line instead of a
 * block. Each line keeps its number on both sides, which is what a side-by-side view lines up. Texts are compared
 * line by line after turning CRLF into LF, because a model saved on Windows must not show every line as changed.
 */
public final class LineDiff {

    /** Above this many differing lines the script is not worth tracing: the texts are shown as replaced. */
    static final int MAX_EDITS = 2_000;

    public enum Op { SAME, ADDED, REMOVED }

    /**
     * One line of the diff.
     *
     * @param fromLine the 1-based line number in the older text, null for an added line
     * @param toLine   the 1-based line number in the newer text, null for a removed line
     */
    public record Line(Op op, Integer fromLine, Integer toLine, String text) {
    }

    private LineDiff() {
    }

    public static List<Line> diff(String from, String to) {
        return diff(lines(from), lines(to));
    }

    /** Whether a diff shows any change. */
    public static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.op() != Op.SAME);
    }

    static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String normal = text.replace("\r\n", "\n");
        if (normal.endsWith("\n")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return List.of(normal.split("\n", -1));
    }

    static List<Line> diff(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Line> result = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            result.add(new Line(Op.SAME, i + 1, i + 1, a.get(i)));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), prefix, result);
        for (int i = suffix; i > 0; i--) {
            int ai = a.size() - i;
            int bi = b.size() - i;
            result.add(new Line(Op.SAME, ai + 1, bi + 1, a.get(ai)));
        }
        return result;
    }

    /** Myers' greedy forward search with the V array of every step kept for the trace back. */
    private static void middle(List<String> a, List<String> b, int offset, List<Line> out) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        if (max == 0) {
            return;
        }
        int limit = Math.min(max, MAX_EDITS);
        int off = max + 1;
        int[] v = new int[2 * max + 3];
        // Only the diagonals step d can read are kept (-d-1 … d+1): memory grows with D², not D·(N+M).
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= limit && found < 0; d++) {
            trace.add(java.util.Arrays.copyOfRange(v, off - d - 1, off + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x;
                if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) {
                    x = v[off + k + 1];
                } else {
                    x = v[off + k - 1] + 1;
                }
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[off + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            for (int i = 0; i < n; i++) {
                out.add(new Line(Op.REMOVED, offset + i + 1, null, a.get(i)));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Line(Op.ADDED, null, offset + j + 1, b.get(j)));
            }
            return;
        }
        List<Line> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] previous = trace.get(d);
            int base = d + 1;
            int k = x - y;
            int prevK = (k == -d || (k != d && previous[base + k - 1] < previous[base + k + 1])) ? k + 1 : k - 1;
            int prevX = previous[base + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                x--;
                y--;
                reversed.add(new Line(Op.SAME, offset + x + 1, offset + y + 1, a.get(x)));
            }
            if (x == prevX) {
                y--;
                reversed.add(new Line(Op.ADDED, null, offset + y + 1, b.get(y)));
            } else {
                x--;
                reversed.add(new Line(Op.REMOVED, offset + x + 1, null, a.get(x)));
            }
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            reversed.add(new Line(Op.SAME, offset + x + 1, offset + y + 1, a.get(x)));
        }
        Collections.reverse(reversed);
        out.addAll(reversed);
    }
}
