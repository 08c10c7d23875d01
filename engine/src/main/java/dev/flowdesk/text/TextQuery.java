package dev.flowdesk.text;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a search box's words become a query, the same for every full-text search (knowledge base and tickets).
 * On PostgreSQL the words are stemmed in German and in English and every stem matches as a prefix
 * ({@code druck:*} finds "Druckerproblemen", whose stem is one compound word), any of them (OR); only letters and
 * digits reach {@code to_tsquery}, so no query syntax a user types can break or widen it. On H2 each word is cut
 * to a crude stem (common German and English endings off, at least four letters kept) for a substring match.
 */
public final class TextQuery {

    private static final Pattern LEXEME = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final int MAX_TERMS = 32;
    private static final int MAX_STEMS = 16;
    private static final String[] ENDINGS = {"ungen", "ung", "ern", "en", "er", "es", "em", "ing", "ed", "e", "s",
            "t", "n"};

    private TextQuery() {
    }

    /** {@code stem:* | stem:* ...} of the query's German and English stems; empty when it has no word. */
    public static String tsquery(NamedParameterJdbcTemplate jdbc, String query) {
        List<String> lexemes = jdbc.queryForList("SELECT lexeme FROM unnest(to_tsvector('german', :q))"
                + " UNION SELECT lexeme FROM unnest(to_tsvector('english', :q))",
                new MapSqlParameterSource("q", query), String.class);
        Set<String> terms = new LinkedHashSet<>();
        for (String lexeme : lexemes) {
            if (LEXEME.matcher(lexeme).matches() && terms.size() < MAX_TERMS) {
                terms.add(lexeme.length() >= 3 ? lexeme + ":*" : lexeme);
            }
        }
        return terms.stream().sorted().collect(Collectors.joining(" | "));
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
