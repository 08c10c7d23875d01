package dev.flowdesk.workflow;

import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An inbox counts its tasks exactly up to {@value InboxQuery#COUNTED} and then says its total is a lower bound, as a
 * ticket list does; its pages stay exact in order beyond that.
 */
class InboxCountIT extends PostgresEngineTest {

    @Autowired
    InboxQuery inbox;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLongInboxCountsUpToItsCapAndAShortOneExactly() {
        String big = "cap-big-" + UUID.randomUUID().toString().substring(0, 8);
        String small = "cap-small-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            // rows of the read model only: the count and the order read nothing else
            entries(big, 10_005);
            entries(small, 30);

            InboxQuery.Page first = inbox.page("unassigned", "created", "nobody", List.of(big), null, 0, 50);
            assertThat(first.taskIds()).hasSize(50).startsWith(big + "-1", big + "-2");
            assertThat(first.total()).isEqualTo(10_000);
            assertThat(first.exact()).isFalse();

            // a page beyond the cap is still a real page, counted up to its own end
            InboxQuery.Page far = inbox.page("unassigned", "created", "nobody", List.of(big), null, 200, 50);
            assertThat(far.taskIds()).containsExactly(big + "-10001", big + "-10002", big + "-10003", big + "-10004",
                    big + "-10005");
            assertThat(far.total()).isEqualTo(10_005);
            assertThat(far.exact()).isTrue();

            InboxQuery.Page both = inbox.page("unassigned", "created", "nobody", List.of(small, big), null, 0, 50);
            assertThat(both.exact()).isFalse();

            InboxQuery.Page short1 = inbox.page("unassigned", "created", "nobody", List.of(small), null, 0, 20);
            assertThat(short1.total()).isEqualTo(30);
            assertThat(short1.exact()).isTrue();
            InboxQuery.Page short2 = inbox.page("unassigned", "created", "nobody", List.of(small), null, 1, 20);
            assertThat(short2.taskIds()).hasSize(10);
            assertThat(short2.total()).isEqualTo(30);
        } finally {
            jdbc.update("DELETE FROM inbox_entry WHERE principal IN (?, ?)", "g:" + big, "g:" + small);
        }
    }

    private void entries(String group, int count) {
        jdbc.update("INSERT INTO inbox_entry (task_id, principal, shared, ticket_id, priority, resolution_due,"
                + " task_created) SELECT ? || '-' || n, ?, FALSE, NULL, 'P3', NULL,"
                + " TIMESTAMP '2026-01-01 00:00:00' + n * INTERVAL '1 second' FROM generate_series(1, ?) n",
                group, "g:" + group, count);
    }
}
