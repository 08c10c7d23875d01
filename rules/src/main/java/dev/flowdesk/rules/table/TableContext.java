package dev.flowdesk.rules.table;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a table is checked against beyond its own cells: the categories the rule base can set, so that a routing row
 * on a misspelt category ("printr") is refused instead of silently never matching.
 *
 * @param categories every category some rule can set, plus "uncategorized"
 */
public record TableContext(Set<String> categories) {

    /** The category no rule chose. */
    public static final String UNCATEGORIZED = "uncategorized";
    private static final Pattern SET_CATEGORY = Pattern.compile("setCategory\\(\\s*\"([^\"\\\\]+)\"\\s*\\)");

    public TableContext {
        Set<String> all = new TreeSet<>(categories == null ? Set.of() : categories);
        all.add(UNCATEGORIZED);
        categories = Set.copyOf(all);
    }

    /** The categories set by literal {@code setCategory("...")} calls in the given DRL texts. */
    public static TableContext fromDrl(Collection<String> drlTexts) {
        Set<String> categories = new TreeSet<>();
        for (String drl : drlTexts) {
            Matcher matcher = SET_CATEGORY.matcher(drl == null ? "" : drl);
            while (matcher.find()) {
                categories.add(matcher.group(1));
            }
        }
        return new TableContext(categories);
    }

    /** This context with the categories a table itself sets (a categorization table defines its categories). */
    TableContext with(Collection<String> more) {
        Set<String> all = new TreeSet<>(categories);
        all.addAll(more);
        return new TableContext(all);
    }
}
