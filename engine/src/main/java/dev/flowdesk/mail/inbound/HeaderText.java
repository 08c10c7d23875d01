package dev.flowdesk.mail.inbound;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes and header text of real-world mail into Java strings. Mail lies about its charset: a declared
 * charset that is unknown or does not fit the bytes falls back to UTF-8 (if the bytes are valid UTF-8) and then to
 * windows-1252, which maps every byte (ISO-8859-1 is read as windows-1252, as browsers do). Headers may carry raw
 * 8-bit bytes (RFC 6532, or just broken software) and RFC 2047 encoded words, also with unknown charsets.
 */
final class HeaderText {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_WORDS = Pattern.compile("\\?=[ \\t\\r\\n]+=\\?");

    private HeaderText() {
    }

    /** A charset by its (often sloppy) MIME name, or null if Java does not know it. */
    static Charset charset(String name) {
        if (name == null) {
            return null;
        }
        String clean = name.strip().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        // RFC 2231 language suffix (utf-8*de) and common misspellings.
        int star = clean.indexOf('*');
        if (star > 0) {
            clean = clean.substring(0, star);
        }
        clean = switch (clean) {
            case "utf8" -> "utf-8";
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1", "us-ascii", "ascii", "ansi_x3.4-1968" -> "windows-1252";
            default -> clean;
        };
        try {
            return Charset.isSupported(clean) ? Charset.forName(clean) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Bytes in their declared charset if they fit it, else UTF-8 if they are valid UTF-8, else windows-1252. */
    static String decode(byte[] bytes, String declaredCharset) {
        Charset declared = charset(declaredCharset);
        if (declared != null) {
            String strict = strict(bytes, declared);
            if (strict != null) {
                return strict;
            }
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    private static String strict(byte[] bytes, Charset charset) {
        try {
            CharBuffer chars = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * A header value as Jakarta Mail hands it over (unfolded or not, 8-bit bytes as ISO-8859-1 characters) turned
     * into text: unfolded, 8-bit bytes re-read as UTF-8 or windows-1252, encoded words decoded. Control characters
     * other than tab are dropped, so a decoded header never carries CR or LF.
     */
    static String header(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.replaceAll("\\r?\\n(?=[ \\t])", "");
        value = eightBit(value);
        value = BETWEEN_WORDS.matcher(value).replaceAll("?==?"); // RFC 2047 §6.2: space between encoded words goes
        Matcher m = ENCODED_WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decodeWord(m.group(1), m.group(2), m.group(3), m.group())));
        }
        m.appendTail(out);
        return out.toString().replaceAll("[\\p{Cntrl}&&[^\\t]]", "").strip();
    }

    /** Characters U+0080..U+00FF in a header are raw bytes Jakarta Mail read as ISO-8859-1: read them properly. */
    static String eightBit(String value) {
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value; // already decoded text
            }
            high |= c >= 0x80;
        }
        return high ? decode(value.getBytes(StandardCharsets.ISO_8859_1), "utf-8") : value;
    }

    private static String decodeWord(String charsetName, String encoding, String text, String original) {
        try {
            byte[] bytes;
            if (encoding.equalsIgnoreCase("B")) {
                bytes = Base64.getMimeDecoder().decode(text);
            } else {
                bytes = quotedPrintable(text.replace('_', ' '));
            }
            return decode(bytes, charsetName);
        } catch (IllegalArgumentException e) {
            return original; // not decodable: keep it as written rather than lose the header
        }
    }

    private static byte[] quotedPrintable(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            out.write(c > 0xFF ? '?' : c);
        }
        return out.toByteArray();
    }
}
