package dev.flowdesk.asset;

import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry reminders on PostgreSQL: two scheduler nodes that both found the same assets due remind of each exactly
 * once (the second waits on the reminder row's key and gives way), and later runs add nothing.
 */
class ExpiryReminderIT extends PostgresEngineTest {

    @Autowired
    ExpiryReminders reminders;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twoNodesThatFoundTheSameAssetsDueRemindOfEachOnce() throws Exception {
        // given: three assets whose warranty or contract ends within the reminder window, one far off, one retired
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long laptop = asset("laptop", "Laptop " + run, today.plusDays(10), "IN_USE");
        long server = asset("server", "Server " + run, today.plusDays(1), "IN_USE");
        long contract = asset("contract", "Support contract " + run, today.plusDays(29), "IN_USE");
        long later = asset("laptop", "Later " + run, today.plusDays(200), "IN_USE");
        long retired = asset("laptop", "Retired " + run, today.plusDays(5), "RETIRED");

        // when: two nodes both see them due before either reminds (forced: both lists are taken first), then remind
        // at the same moment
        List<ExpiryReminders.Due> first = reminders.dueNow();
        List<ExpiryReminders.Due> second = reminders.dueNow();
        assertThat(first.stream().map(ExpiryReminders.Due::id)).contains(laptop, server, contract)
                .doesNotContain(later, retired);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Integer> nodeA = CompletableFuture.supplyAsync(() -> await(go, () -> reminders.remind(first)));
        CompletableFuture<Integer> nodeB = CompletableFuture.supplyAsync(() -> await(go, () -> reminders.remind(second)));
        go.countDown();
        // between them the two nodes opened one ticket per asset they found, not two
        assertThat(second.stream().map(ExpiryReminders.Due::id).toList())
                .isEqualTo(first.stream().map(ExpiryReminders.Due::id).toList());
        assertThat(nodeA.get(120, TimeUnit.SECONDS) + nodeB.get(120, TimeUnit.SECONDS)).isEqualTo(first.size());
        // and a later run of the job
        reminders.remindDue();

        // then: one reminder ticket per due asset, linked to it, none for the others
        for (long id : List.of(laptop, server, contract)) {
            assertThat(reminderTickets(id)).as("reminders of asset " + id).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM asset_reminder WHERE asset_id = ? AND ticket_id"
                    + " IS NOT NULL", Long.class, id)).isEqualTo(1);
        }
        assertThat(reminderTickets(later)).isZero();
        assertThat(reminderTickets(retired)).isZero();
        assertThat(jdbc.queryForObject("SELECT t.subject FROM ticket t JOIN ticket_asset l ON l.ticket_id = t.id"
                + " WHERE l.asset_id = ?", String.class, contract))
                .isEqualTo("Contract of Support contract " + run + " (SN-" + "Support contract " + run + ") ends on "
                        + today.plusDays(29));
        assertThat(jdbc.queryForObject("SELECT t.requester FROM ticket t JOIN ticket_asset l ON l.ticket_id = t.id"
                + " WHERE l.asset_id = ?", String.class, laptop)).isEqualTo("frank");
    }

    private long reminderTickets(long assetId) {
        return jdbc.queryForObject("SELECT count(*) FROM ticket_asset l JOIN ticket t ON t.id = l.ticket_id"
                + " WHERE l.asset_id = ? AND t.subject LIKE '% ends on %'", Long.class, assetId);
    }

    private long asset(String type, String name, LocalDate end, String status) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type, "name", name, "serial", "SN-" + name,
                "status", status, "ownerId", "frank", "warrantyEnd", end.toString()));
        Response r = as("bob").post("/api/assets", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asLong();
    }

    private static int await(CountDownLatch go, java.util.function.IntSupplier work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return work.getAsInt();
    }
}
