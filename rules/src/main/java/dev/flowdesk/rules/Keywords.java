package dev.flowdesk.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A comma-separated keyword list as written in a rule, e.g. {@code "*drucker*, printer, printers"}, and the test
 * whether a text mentions one of them. A keyword matches whole words, ignoring case; {@code *} at either end lets it
 * continue into the rest of a word, which German compounds need ({@code *drucker*} finds "Netzwerkdrucker").
 * Plain string search instead of regular expressions: keyword rules run on every ticket, and a regex alternation
 * with word boundaries cost two thirds of a whole decision.
 */
final class Keywords {

    /**
     * Designers upload new rule-set versions for the life of the process; past this many distinct lists the cache
     * starts over rather than grow without bound.
     */
    private static final int MAX_CACHED = 2_000;
    private static final Map<String, Keywords> CACHE = new ConcurrentHashMap<>();

    private record Keyword(String core, boolean openStart, boolean openEnd) {
    }

    /**
     * The lower-cased text of the ticket this thread evaluated last: every keyword rule tests the same ticket, and
     * lower-casing it once instead of once per rule saves a tenth of a decision.
     */
    private static final ThreadLocal<LowerCased> LAST_TEXT = new ThreadLocal<>();

    private record LowerCased(TicketFacts facts, String text) {
    }

    private final List<Keyword> keywords;

    private Keywords(List<Keyword> keywords) {
        this.keywords = keywords;
    }

    static Keywords of(String list) {
        Keywords parsed = CACHE.get(list);
        if (parsed == null) {
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            parsed = CACHE.computeIfAbsent(list, Keywords::parse);
        }
        return parsed;
    }

    private static Keywords parse(String list) {
        List<Keyword> keywords = new ArrayList<>();
        for (String raw : list.split(",")) {
            String word = raw.strip().toLowerCase(Locale.ROOT);
            boolean openStart = word.startsWith("*");
            boolean openEnd = word.length() > 1 && word.endsWith("*");
            String core = word.substring(openStart ? 1 : 0, word.length() - (openEnd ? 1 : 0));
            if (!core.isEmpty()) {
                keywords.add(new Keyword(core, openStart, openEnd));
            }
        }
        return new Keywords(List.copyOf(keywords));
    }

    /** Subject and description in lower case, separated by a line break so that no word spans both. */
    static String lowerCaseText(TicketFacts facts) {
        LowerCased last = LAST_TEXT.get();
        if (last == null || last.facts() != facts) {
            last = new LowerCased(facts, (facts.subject() + "\n" + facts.description()).toLowerCase(Locale.ROOT));
            LAST_TEXT.set(last);
        }
        return last.text();
    }

    /** Whether the text, already in lower case, contains one of the keywords. */
    boolean foundIn(String lowerCaseText) {
        for (Keyword keyword : keywords) {
            if (contains(lowerCaseText, keyword)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String text, Keyword keyword) {
        int from = 0;
        int at;
        while ((at = text.indexOf(keyword.core(), from)) >= 0) {
            int end = at + keyword.core().length();
            boolean startOk = keyword.openStart() || at == 0 || !isWordChar(text.charAt(at - 1));
            boolean endOk = keyword.openEnd() || end == text.length() || !isWordChar(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }
}
