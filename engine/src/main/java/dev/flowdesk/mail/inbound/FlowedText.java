package dev.flowdesk.mail.inbound;

/**
 * RFC 3676 {@code format=flowed} (Thunderbird, Apple Mail, many webmailers): a line ending in a space is a soft break
 * and continues on the next line of the same quote depth; a leading space is stuffing and goes; the signature
 * separator {@code "-- "} is never flowed. With {@code delsp=yes} the space before a soft break is deleted as well.
 * Quoted lines keep their {@code >} prefix (without the stuffing). Needs no Spring.
 */
final class FlowedText {

    private FlowedText() {
    }

    static String unflow(String text, boolean delSp) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder paragraph = null;
        int paragraphDepth = 0;
        for (String line : lines) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '>') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1); // space-stuffing (or the space after the quote marks)
            }
            boolean signature = content.equals("-- ");
            boolean soft = !signature && content.endsWith(" ");
            if (paragraph != null && depth != paragraphDepth) {
                // a flowed line followed by another quote depth: the paragraph ends there (RFC 3676 §4.5)
                end(out, paragraph, paragraphDepth);
                paragraph = null;
            }
            if (paragraph == null) {
                paragraph = new StringBuilder();
                paragraphDepth = depth;
            }
            paragraph.append(soft && delSp ? content.substring(0, content.length() - 1) : content);
            if (!soft) {
                end(out, paragraph, paragraphDepth);
                paragraph = null;
            }
        }
        if (paragraph != null) {
            end(out, paragraph, paragraphDepth);
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1); // the line break after the last line was not in the text
        }
        return out.toString();
    }

    private static void end(StringBuilder out, StringBuilder paragraph, int depth) {
        if (depth > 0) {
            out.append(">".repeat(depth)).append(' ');
        }
        out.append(paragraph).append('\n');
    }
}
