package dev.flowdesk.privacy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What identifies one person in stored text, and what stands in for it: her user id (case-sensitive, as Camunda
 * keeps ids), her e-mail addresses (any case), her full name (either order, any spacing and case) and phone numbers.
 * {@link #replace} swaps each for its pseudonym; {@link #likePatterns} are the cheap SQL pre-filter that finds every
 * value {@code replace} could change (a superset: the patterns decide).
 * <p>
 * A first or last name alone is not replaced: "Erin" in someone else's ticket is as likely another Erin, and a
 * pseudonym there would be wrong. Ids and addresses only match whole (so {@code bob} does not touch {@code bobby}).
 *
 * @param userId the Camunda user id, or null for a person known only by address
 * @param pseudonym the person's pseudonym ({@code person-<hash>}), which replaces her id and names
 * @param addresses each address (lower case) with its pseudonymous address
 */
record Person(String userId, String pseudonym, Map<String, String> addresses, Set<String> names, Set<String> phones) {

    private static final String ID_CHAR = "A-Za-z0-9_@+-";

    Person {
        addresses = Map.copyOf(addresses);
        names = Set.copyOf(names);
        phones = Set.copyOf(phones);
    }

    /** The value with every identifier of this person replaced; the same value when there is none. */
    String replace(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String result = value;
        for (Map.Entry<String, String> address : addresses.entrySet()) {
            result = replaceAll(addressPattern(address.getKey()), result, address.getValue());
        }
        for (String name : names) {
            result = replaceAll(namePattern(name), result, pseudonym);
        }
        for (String phone : phones) {
            result = result.replace(phone, pseudonym);
        }
        if (userId != null) {
            result = replaceAll(idPattern(userId), result, pseudonym);
        }
        return result;
    }

    /** Lower-case LIKE patterns (compare with {@code lower(column)}) that every replaceable value matches. */
    List<String> likePatterns() {
        List<String> patterns = new ArrayList<>();
        addresses.keySet().forEach(a -> patterns.add("%" + escape(a) + "%"));
        for (String name : names) {
            String[] words = name.toLowerCase(Locale.ROOT).split("\\s+");
            patterns.add("%" + escape(words[0]) + "%" + escape(words[words.length - 1]) + "%");
            patterns.add("%" + escape(words[words.length - 1]) + "%" + escape(words[0]) + "%");
        }
        phones.forEach(p -> patterns.add("%" + escape(p.toLowerCase(Locale.ROOT)) + "%"));
        return patterns;
    }

    /** The case-sensitive LIKE pattern for the user id (compare with the column as stored), or null. */
    String idLikePattern() {
        return userId == null ? null : "%" + escape(userId) + "%";
    }

    static Person of(String userId, String pseudonym, Map<String, String> addresses, Set<String> names,
                     Set<String> phones) {
        Set<String> usableNames = new LinkedHashSet<>();
        for (String name : names) {
            if (name != null && name.strip().split("\\s+").length >= 2) {
                usableNames.add(name.strip());
            }
        }
        Set<String> usablePhones = new LinkedHashSet<>();
        for (String phone : phones) {
            if (phone != null && phone.replaceAll("\\D", "").length() >= 6) {
                usablePhones.add(phone.strip());
            }
        }
        return new Person(userId, pseudonym, addresses, usableNames, usablePhones);
    }

    private static Pattern addressPattern(String address) {
        return Pattern.compile("(?<![A-Za-z0-9._%+-])" + Pattern.quote(address) + "(?![A-Za-z0-9-]|\\.[A-Za-z0-9])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** "Erin Example", "erin  example", "Example, Erin". */
    private static Pattern namePattern(String name) {
        String[] words = name.split("\\s+");
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add(Pattern.quote(word));
        }
        String forwards = String.join("\\s+", quoted);
        String backwards = Pattern.quote(words[words.length - 1]) + ",?\\s+"
                + String.join("\\s+", quoted.subList(0, quoted.size() - 1));
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + forwards + "|" + backwards + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static Pattern idPattern(String id) {
        return Pattern.compile("(?<![" + ID_CHAR + ".])" + Pattern.quote(id) + "(?![" + ID_CHAR + "]|\\.[A-Za-z0-9])");
    }

    private static String replaceAll(Pattern pattern, String value, String replacement) {
        return pattern.matcher(value).replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
