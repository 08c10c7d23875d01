package dev.flowdesk.text;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * How a search box's words become a query, the same for every full-text search (knowledge base and tickets).
 * On PostgreSQL the words are stemmed in German and in English and every stem matches as a prefix
 * ({@code druck:*} finds "Druckerproblemen", whose stem is one compound word); every word must match, any word only
 * when nothing matches them all ({@link Query}); only letters and digits reach {@code to_tsquery}, so no query syntax
 * a user types can break or widen it. On H2 each word is cut
 * to a crude stem (common German and English endings off, at least four letters kept) for a substring match.
 */
public final class TextQuery {

    private static final Pattern LEXEME = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_TERMS = 32;
    private static final int MAX_WORDS = 16;
    private static final int MAX_STEMS = 16;
    private static final String[] ENDINGS = {"ungen", "ung", "ern", "en", "er", "es", "em", "ing", "ed", "e", "s",
            "t", "n"};

    private TextQuery() {
    }

    /**
     * A search box's words as two tsqueries: {@link #all} wants every word (each word as its German or its English
     * stem, as a prefix), {@link #any} any of them. A word that is a stop word in either language ("nicht", "not",
     * "die") is left out of {@code all}: it would match nearly every text and says nothing about what is sought.
     * Searches run {@code all} and fall back to {@code any} only when nothing matches every word, so the usual
     * query ranks a few hundred rows instead of everything that shares one common word with it.
     */
    public record Query(String all, String any) {

        public boolean isEmpty() {
            return any.isEmpty();
        }

        /** Whether {@link #any} can find more than {@link #all}. */
        public boolean widens() {
            return !any.equals(all);
        }
    }

    /** The query of the words in {@code text}; empty when it has no word. */
    public static Query tsquery(NamedParameterJdbcTemplate jdbc, String text) {
        List<String> words = new ArrayList<>();
        java.util.regex.Matcher m = LEXEME.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find() && words.size() < MAX_WORDS) {
            if (!words.contains(m.group())) {
                words.add(m.group());
            }
        }
        if (words.isEmpty()) {
            return new Query("", "");
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> selects = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            params.addValue("w" + i, words.get(i));
            selects.add("SELECT " + i + " AS word, 'de' AS language, lexeme FROM unnest(to_tsvector('german', :w" + i
                    + "))");
            selects.add("SELECT " + i + ", 'en', lexeme FROM unnest(to_tsvector('english', :w" + i + "))");
        }
        Map<Integer, Set<String>> stems = new TreeMap<>();
        Map<Integer, Set<String>> languages = new HashMap<>();
        jdbc.query(String.join(" UNION ALL ", selects), params, rs -> {
            String lexeme = rs.getString(3);
            if (LEXEME.matcher(lexeme).matches()) {
                stems.computeIfAbsent(rs.getInt(1), k -> new TreeSet<>()).add(term(lexeme));
                languages.computeIfAbsent(rs.getInt(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        });
        Set<String> anyTerms = new TreeSet<>();
        List<Set<String>> groups = new ArrayList<>();
        stems.forEach((word, terms) -> {
            if (anyTerms.size() + terms.size() <= MAX_TERMS) {
                anyTerms.addAll(terms);
                if (languages.get(word).size() == 2) {
                    groups.add(narrowest(terms));
                }
            }
        });
        String any = String.join(" | ", anyTerms);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            if (!impliedByAnother(groups, i)) {
                Set<String> terms = groups.get(i);
                all.add(terms.size() == 1 ? terms.iterator().next() : "(" + String.join(" | ", terms) + ")");
            }
        }
        return new Query(all.isEmpty() ? any : String.join(" & ", all), any);
    }

    /*
     * Terms that say nothing more are left out, with the same matches: in "druck:* | drucker:*" the second is within
     * the first, and in "druck:* & druckt:*" (Drucker druckt) every match of the second matches the first. Each
     * prefix term costs the GIN index a scan of every lexeme it covers: at a million tickets the redundant terms of
     * "Drucker druckt nicht" cost 100 ms of its 150 ms in the index.
     */

    /** Whether every text {@code narrow} matches is matched by {@code wide}. */
    private static boolean covers(String wide, String narrow) {
        if (wide.equals(narrow)) {
            return true;
        }
        return wide.endsWith(":*") && narrow.startsWith(wide.substring(0, wide.length() - 2));
    }

    /** The terms of an any-of group without those another term of the group already covers. */
    private static Set<String> narrowest(Set<String> terms) {
        Set<String> kept = new TreeSet<>();
        for (String term : terms) {
            if (terms.stream().noneMatch(other -> !other.equals(term) && covers(other, term))) {
                kept.add(term);
            }
        }
        return kept;
    }

    /**
     * Whether group {@code i} of an all-of query may go: another group matches only texts it matches too (every term
     * of the other is covered by one of its terms). Of two equal groups the later goes.
     */
    private static boolean impliedByAnother(List<Set<String>> groups, int i) {
        Set<String> group = groups.get(i);
        for (int j = 0; j < groups.size(); j++) {
            Set<String> other = groups.get(j);
            if (j == i || (other.equals(group) && j > i)) {
                continue;
            }
            if (other.stream().allMatch(term -> group.stream().anyMatch(wide -> covers(wide, term)))) {
                return true;
            }
        }
        return false;
    }

    private static String term(String lexeme) {
        return lexeme.length() >= 3 ? lexeme + ":*" : lexeme;
    }

    /** Lower-case crude stems of the query's words of three letters or more, at most 16. */
    public static Set<String> stems(String query) {
        Set<String> stems = new LinkedHashSet<>();
        for (String word : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() < 3 || stems.size() >= MAX_STEMS) {
                continue;
            }
            String stem = word;
            for (String ending : ENDINGS) {
                if (stem.endsWith(ending) && stem.length() - ending.length() >= 4) {
                    stem = stem.substring(0, stem.length() - ending.length());
                    break;
                }
            }
            stems.add(stem);
        }
        return stems;
    }

    /** A LIKE pattern matching {@code text} anywhere, with LIKE's wildcards escaped by {@code \}. */
    public static String contains(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
