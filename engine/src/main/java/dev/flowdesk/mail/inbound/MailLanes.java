package dev.flowdesk.mail.inbound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a batch of fetched messages into lanes that may be processed at the same time, each lane in mailbox order.
 * Messages that could touch the same ticket, or where one could depend on another, share a lane: the same sender, the
 * same subject tag, one naming another's Message-ID (or both naming the same one) in In-Reply-To/References, or the
 * same key (two copies of one message). So a reply never overtakes the mail that opened its ticket, two replies to one
 * ticket never race for it, and one sender's mails keep their order (automatic-answer limits, bounces). Everything
 * else is independent and may run side by side.
 */
final class MailLanes {

    private MailLanes() {
    }

    /**
     * One message as the lanes see it.
     *
     * @param key        its key (Message-ID or hash)
     * @param sender     its sender address, lower case (null: unknown)
     * @param referenced the keys it names in In-Reply-To and References
     * @param ticketTag  the ticket number of its subject tag (null: none)
     */
    record Item<T>(T value, String key, String sender, Collection<String> referenced, String ticketTag) {
    }

    /** The lanes, each in the order of {@code items}; the lanes in the order of their first message. */
    static <T> List<List<T>> split(List<Item<T>> items) {
        int[] parent = new int[items.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> owner = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Item<T> item = items.get(i);
            List<String> tokens = new ArrayList<>();
            tokens.add("m:" + item.key());
            item.referenced().forEach(ref -> tokens.add("m:" + ref));
            if (item.sender() != null) {
                tokens.add("s:" + item.sender());
            }
            if (item.ticketTag() != null) {
                tokens.add("t:" + item.ticketTag());
            }
            for (String token : tokens) {
                Integer other = owner.putIfAbsent(token, i);
                if (other != null) {
                    union(parent, i, other);
                }
            }
        }
        Map<Integer, List<T>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            lanes.computeIfAbsent(root(parent, i), r -> new ArrayList<>()).add(items.get(i).value());
        }
        return new ArrayList<>(lanes.values());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = root(parent, a);
        int rb = root(parent, b);
        if (ra != rb) {
            // the earlier message's lane absorbs the later one, so lanes keep the order of their first message
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
