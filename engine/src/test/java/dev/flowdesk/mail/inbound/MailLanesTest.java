package dev.flowdesk.mail.inbound;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MailLanesTest {

    private static MailLanes.Item<String> mail(String key, String sender, String tag, String... refs) {
        return new MailLanes.Item<>(key, key, sender, List.of(refs), tag);
    }

    @Test
    void unrelatedMailsRunSideBySide() {
        assertThat(MailLanes.split(List.of(mail("a", "x@example.com", null), mail("b", "y@example.com", null),
                mail("c", null, null)))).containsExactly(List.of("a"), List.of("b"), List.of("c"));
    }

    @Test
    void aReplyStaysBehindTheMailItAnswersEvenFromAnotherSender() {
        assertThat(MailLanes.split(List.of(mail("open", "x@example.com", null), mail("other", "y@example.com", null),
                mail("reply", "z@example.com", null, "open"))))
                .containsExactly(List.of("open", "reply"), List.of("other"));
    }

    @Test
    void twoRepliesToOneOfOurMailsOrToOneTicketShareALane() {
        assertThat(MailLanes.split(List.of(mail("r1", "x@example.com", null, "ack-1"),
                mail("r2", "y@example.com", null, "ack-1"), mail("r3", "z@example.com", "FD-000123"),
                mail("r4", "w@example.com", "FD-000123"))))
                .containsExactly(List.of("r1", "r2"), List.of("r3", "r4"));
    }

    @Test
    void oneSendersMailsAndCopiesKeepTheirOrderAndLanesJoinTransitively() {
        // a -(sender)- b -(reference)- c -(tag)- d: one lane, in mailbox order
        List<List<String>> lanes = MailLanes.split(List.of(mail("a", "x@example.com", null),
                mail("b", "x@example.com", null), mail("e", "q@example.com", null),
                mail("c", "y@example.com", "FD-000001", "b"), mail("d", "z@example.com", "FD-000001"),
                mail("a", "r@example.com", null)));
        assertThat(lanes).containsExactly(List.of("a", "b", "c", "d", "a"), List.of("e"));
    }

    @Test
    void everyMessageIsInExactlyOneLaneAndRelatedOnesAreTogetherOnRandomBatches() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<MailLanes.Item<String>> items = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String sender = random.nextInt(5) == 0 ? null : "s" + random.nextInt(30) + "@example.com";
                String tag = random.nextInt(4) == 0 ? "FD-" + random.nextInt(10) : null;
                String ref = random.nextInt(3) == 0 ? "m" + random.nextInt(Math.max(1, i)) : null;
                items.add(ref == null ? mail("m" + i, sender, tag) : mail("m" + i, sender, tag, ref));
            }
            List<List<String>> lanes = MailLanes.split(items);
            assertThat(lanes.stream().mapToInt(List::size).sum()).isEqualTo(items.size());
            for (MailLanes.Item<String> a : items) {
                for (MailLanes.Item<String> b : items) {
                    boolean related = a.sender() != null && a.sender().equals(b.sender())
                            || a.ticketTag() != null && a.ticketTag().equals(b.ticketTag())
                            || b.referenced().contains(a.key()) || a.referenced().contains(b.key());
                    if (related) {
                        assertThat(laneOf(lanes, a.value())).as(a + " / " + b).isSameAs(laneOf(lanes, b.value()));
                    }
                }
            }
            for (List<String> lane : lanes) { // mailbox order inside a lane
                List<Integer> order = lane.stream().map(k -> Integer.parseInt(k.substring(1))).toList();
                assertThat(order).isSorted();
                assertThat(Set.copyOf(lane)).hasSameSizeAs(lane);
            }
        }
    }

    private static List<String> laneOf(List<List<String>> lanes, String key) {
        return lanes.stream().filter(l -> l.contains(key)).findFirst().orElseThrow();
    }
}
