package dev.flowdesk.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds Drools' {@code modify(target) { a(...), b(...) }} blocks in a consequence — the one piece of consequence
 * syntax that is not Java — so that {@link ConsequenceCheck} can check them apart and hand JavaParser the rest with
 * each block replaced by a marker call {@code __m<N>();} padded with spaces (line breaks kept, so every line and
 * column still points into the designer's text).
 * Strings, character literals and comments are skipped, so a "modify" inside them is not a block.
 */
final class ModifyBlocks {

    record Block(String consequence, String target, int targetOffset, List<String> entries,
                 List<Integer> entryOffsets) {
    }

    /** Stands for block N in the Java that JavaParser reads: "__m" + N + "();". */
    private static final String MARKER = "__m";

    private final List<Block> blocks;
    private final String blanked;
    private final int unclosed;

    private ModifyBlocks(List<Block> blocks, String blanked, int unclosed) {
        this.blocks = blocks;
        this.blanked = blanked;
        this.unclosed = unclosed;
    }

    List<Block> blocks() {
        return blocks;
    }

    /** The consequence with every modify block replaced by spaces. */
    String blanked() {
        return blanked;
    }

    /** Offset of a modify block that does not close, or -1. */
    int unclosed() {
        return unclosed;
    }

    static ModifyBlocks find(String text) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        while (i < text.length()) {
            int skipped = skipLiteralOrComment(text, i);
            if (skipped != i) {
                i = skipped;
                continue;
            }
            if (text.startsWith("modify", i) && (i == 0 || !isNamePart(text.charAt(i - 1)))
                    && (i + 6 >= text.length() || !isNamePart(text.charAt(i + 6)))) {
                int open = skipSpace(text, i + 6);
                int close = open < text.length() && text.charAt(open) == '(' ? matching(text, open) : -1;
                int brace = close < 0 ? -1 : skipSpace(text, close + 1);
                int end = brace >= 0 && brace < text.length() && text.charAt(brace) == '{' ? matching(text, brace) : -1;
                if (end < 0) {
                    return new ModifyBlocks(blocks, out.toString(), i);
                }
                List<String> entries = new ArrayList<>();
                List<Integer> offsets = new ArrayList<>();
                split(text, brace + 1, end, entries, offsets);
                blocks.add(new Block(text, text.substring(open + 1, close), open + 1, entries, offsets));
                for (int k = i; k <= end; k++) {
                    if (out.charAt(k) != '\n' && out.charAt(k) != '\r') {
                        out.setCharAt(k, ' ');
                    }
                }
                // The shortest block, "modify(x){}", has 11 characters: room for the marker of block 0 to 99.
                String marker = MARKER + (blocks.size() - 1) + "();";
                for (int k = 0; k < marker.length(); k++) {
                    out.setCharAt(i + k, marker.charAt(k));
                }
                i = end + 1;
                continue;
            }
            i++;
        }
        return new ModifyBlocks(blocks, out.toString(), -1);
    }

    /** The block number a marker call stands for, or -1 if the name is no marker. */
    static int indexOfMarker(String methodName) {
        if (!methodName.startsWith(MARKER) || methodName.length() == MARKER.length()) {
            return -1;
        }
        String digits = methodName.substring(MARKER.length());
        return digits.chars().allMatch(Character::isDigit) && digits.length() <= 2 ? Integer.parseInt(digits) : -1;
    }

    /** 1-based line and column of an offset in the text. */
    static int[] lineAndColumn(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** Splits text[from, to) at top-level commas into non-blank entries with their offsets. */
    private static void split(String text, int from, int to, List<String> entries, List<Integer> offsets) {
        int depth = 0;
        int start = from;
        int i = from;
        while (i <= to) {
            int skipped = i < to ? skipLiteralOrComment(text, i) : i;
            if (skipped != i) {
                i = skipped;
                continue;
            }
            char c = i < to ? text.charAt(i) : ',';
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String entry = text.substring(start, i);
                if (!entry.isBlank()) {
                    int lead = 0;
                    while (Character.isWhitespace(entry.charAt(lead))) {
                        lead++;
                    }
                    entries.add(entry.substring(lead));
                    offsets.add(start + lead);
                }
                start = i + 1;
            }
            i++;
        }
    }

    /** Index of the bracket closing the one at {@code open}, or -1. */
    private static int matching(String text, int open) {
        char opening = text.charAt(open);
        char closing = opening == '(' ? ')' : '}';
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            int skipped = skipLiteralOrComment(text, i);
            if (skipped != i) {
                i = skipped;
                continue;
            }
            char c = text.charAt(i);
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** If a string, char literal or comment starts at i, the index after it; else i. */
    private static int skipLiteralOrComment(String text, int i) {
        char c = text.charAt(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                j += text.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, text.length());
        }
        if (text.startsWith("//", i)) {
            int end = text.indexOf('\n', i);
            return end < 0 ? text.length() : end;
        }
        if (text.startsWith("/*", i)) {
            int end = text.indexOf("*/", i + 2);
            return end < 0 ? text.length() : end + 2;
        }
        return i;
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNamePart(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.';
    }
}
