package dev.flowdesk.fault;

import dev.flowdesk.fault.TicketLoad.Kind;
import dev.flowdesk.fault.TicketLoad.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults that lose nothing, with a real Flowdesk in its own JVM on a real PostgreSQL and GreenMail: the node is
 * killed with SIGKILL while it opens tickets over HTTP, reads a mailbox of {@value #MAILS} new requests and sends
 * their acknowledgements through a slow SMTP server, all at once; started again, it must finish the work without
 * losing or doubling a ticket, an article or a mail. Then PostgreSQL is stopped under load and started again: the
 * node reports DOWN and refuses requests at once with 503 while the database is away, and recovers by itself.
 * <p>
 * The steps share one node and run in order (each starts where the previous one left the system); one kill serves
 * the three kill scenarios, which {@link #killedWhileOpeningTicketsReadingMailAndSending} proves were each in
 * progress at that moment; for the outbox it is the worst moment, after the SMTP server accepted a mail and before
 * the node heard so. Node logs: {@code target/faults/*.log}, printed when a step fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultRecoveryIT {

    static final int MAILS = 300;
    /** A start-up wait, not a speed check: a forked node took 170 s to start at load 22 in CI. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Path DIRECTORY = Path.of("target", "faults");

    private final RestartablePostgres database = new RestartablePostgres(DIRECTORY.resolve("pgdata"));
    private FaultMailServer mail;
    private ForkedFlowdesk node;
    /** The HTTP tickets of the kill, acknowledged (201) or not. */
    private TicketLoad killLoad;

    @RegisterExtension
    final TestWatcher printNodeLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (node != null) {
                node.printLogs(System.out, 300);
            }
        }
    };

    @BeforeAll
    void start() throws Exception {
        database.create();
        mail = new FaultMailServer();
        node = new ForkedFlowdesk("flowdesk", DIRECTORY);
        try {
            node.start(nodeProperties(), START_TIMEOUT);
        } catch (AssertionError e) {
            node.printLogs(System.out, 300);
            throw e;
        }
    }

    @AfterAll
    void stop() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (mail != null) {
                mail.close();
            }
            database.close();
        }
    }

    private Map<String, String> nodeProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("flowdesk.demo.enabled", "true");
        properties.putAll(mail.nodeProperties());
        properties.put("flowdesk.mail.mailboxes[0].poll-interval", "PT1S");
        properties.put("flowdesk.mail.send-interval", "PT1S");
        properties.put("flowdesk.mail.retry-backoff", "PT1S");
        properties.put("flowdesk.mail.auto-answers-per-hour", "1000");
        // A row claimed by the killed node is sent again 10 s after its claim, not the default 5 minutes.
        properties.put("flowdesk.mail.send-claim", "PT10S");
        // The jobs the killed node was running are released once the cluster sees it gone: 2 s check-in instead of
        // 15 s, so that the restarted node polls and sends again within seconds.
        properties.put("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", "2000");
        return properties;
    }

    // ---- kill -9 in the middle of everything ---------------------------------------------------------------------

    @Test
    @Order(1)
    void killedWhileOpeningTicketsReadingMailAndSending() throws Exception {
        // given a mailbox full of new requests, a slow mail server and agents opening tickets over HTTP
        mail.smtp().delay(40);
        for (int i = 1; i <= MAILS; i++) {
            mail.deliverNewRequest("fault-mail-" + i);
        }
        killLoad = new TicketLoad(node.baseUrl(), "fault-http", 4, REQUEST_TIMEOUT);

        // when the node is killed while all three are under way
        await(Duration.ofMinutes(2), "tickets over HTTP, tickets from mail and acknowledgements sent",
                () -> killLoad.created() >= 10 && count("select count(*) from ticket where subject like 'fault-mail-%'")
                        >= 30 && delivered() >= 3);
        // the worst moment for the outbox: the SMTP server has the next mail, the node has not heard "250 OK"
        mail.smtp().holdAnswerToNextMessage();
        assertThat(mail.smtp().awaitHolding(Duration.ofSeconds(30))).as("a mail accepted, its answer held").isTrue();
        long killedAt = System.nanoTime();
        node.kill();
        killLoad.close();
        mail.smtp().delay(0);
        long mailTickets = count("select count(*) from ticket where subject like 'fault-mail-%'");
        int unseen = mail.unseen();

        // then each of them was caught half-way
        List<Outcome> inFlight = killLoad.outcomes().stream().filter(o -> o.inFlightAt(killedAt)).toList();
        assertThat(inFlight).as("HTTP requests in flight when the node died").anyMatch(o -> o.kind() == Kind.IO_ERROR);
        assertThat(mailTickets).as("mails turned into tickets before the kill").isBetween(30L, MAILS - 1L);
        long sent = count("select count(*) from mail_outbox where status = 'SENT'");
        assertThat(sent).as("acknowledgements recorded as sent before the kill")
                .isLessThan(count("select count(*) from mail_outbox"));
        assertThat(delivered()).as("acknowledgements delivered before the kill").isGreaterThanOrEqualTo(3);
        System.out.printf("kill: %d HTTP tickets acknowledged, %d requests in flight; %d of %d mails committed, %d of"
                + " them not yet flagged seen; %d acknowledgements recorded as sent%n", killLoad.created(),
                inFlight.size(), mailTickets, MAILS, mailTickets - (MAILS - unseen), sent);

        // and the node starts again on the same database
        node.start(nodeProperties(), START_TIMEOUT);
    }

    @Test
    @Order(2)
    void everyAcknowledgedTicketExistsOnceWithItsProcessAndAuditTrail() throws Exception {
        Map<String, String> acknowledged = killLoad.outcomes().stream().filter(o -> o.kind() == Kind.CREATED)
                .collect(Collectors.toMap(Outcome::subject, Outcome::number));
        assertThat(acknowledged).isNotEmpty();
        assertWholeTickets("fault-http-%", acknowledged, killLoad.attempted());
    }

    @Test
    @Order(3)
    void everyMailOpensExactlyOneTicketWithOneArticle() throws Exception {
        await(Duration.ofMinutes(2), "the mailbox drained", () -> {
            try {
                return mail.unseen() == 0;
            } catch (Exception e) {
                return false;
            }
        });

        Map<String, Long> ticketsPerSubject = groupCount(
                "select subject, count(*) from ticket where subject like 'fault-mail-%' group by subject");
        assertThat(ticketsPerSubject).as("tickets per mail").hasSize(MAILS).allSatisfy((subject, tickets) ->
                assertThat(tickets).as(subject).isEqualTo(1L));
        Map<String, Long> articlesPerTicket = groupCount("""
                select t.subject, count(a.id) from ticket t left join article a on a.ticket_id = t.id
                where t.subject like 'fault-mail-%' group by t.subject""");
        assertThat(articlesPerTicket).as("articles per mail ticket").hasSize(MAILS).allSatisfy((subject, articles) ->
                assertThat(articles).as(subject).isEqualTo(1L));
        Map<String, Long> keysPerTicket = groupCount("""
                select t.subject, count(m.message_key) from ticket t
                left join mail_message m on m.ticket_id = t.id and m.message_key = t.subject || '@customer.test'
                where t.subject like 'fault-mail-%' group by t.subject""");
        assertThat(keysPerTicket).as("each ticket holds the Message-ID it came from")
                .allSatisfy((subject, keys) -> assertThat(keys).as(subject).isEqualTo(1L));
        assertThat(count("select count(*) from mail_quarantine")).as("quarantined mails").isZero();
        assertWholeTickets("fault-mail-%", Map.of(), List.of());
    }

    @Test
    @Order(4)
    void everyAcknowledgementIsDeliveredAndOnlyTheOneInFlightArrivesTwiceMarked() throws Exception {
        long acknowledgements = count("select count(*) from mail_outbox where template = 'ack'");
        assertThat(acknowledgements).as("one acknowledgement per mail ticket").isEqualTo(MAILS);
        await(Duration.ofMinutes(2), "the outbox sent", () ->
                count("select count(*) from mail_outbox where status <> 'SENT'") == 0);

        Map<String, String> outbox = new HashMap<>();
        try (Connection connection = database.connect();
             ResultSet rows = connection.createStatement().executeQuery(
                     "select message_id, coalesce(last_error, '') from mail_outbox")) {
            while (rows.next()) {
                outbox.put(rows.getString(1), rows.getString(2));
            }
        }
        Map<String, Integer> deliveries = mail.deliveriesByMessageId();
        assertThat(deliveries.keySet()).as("mail the SMTP server got that the outbox does not know").isSubsetOf(
                outbox.keySet());
        List<String> twice = new ArrayList<>();
        outbox.forEach((messageId, lastError) -> {
            int times = deliveries.getOrDefault(messageId, 0);
            assertThat(times).as("deliveries of " + messageId).isBetween(1, 2);
            if (times == 2) {
                twice.add(messageId);
                // the one mail that may arrive twice is the one in flight at the kill, and its row says so
                assertThat(lastError).as(messageId).contains("sent again after an expired claim");
            }
        });
        assertThat(twice).as("mails delivered twice: the one accepted by SMTP when the node died, no other")
                .hasSize(1);
        System.out.printf("outbox: %d mails, %d delivered twice, %d sent after an expired claim%n", outbox.size(),
                twice.size(), outbox.values().stream().filter(e -> e.contains("expired claim")).count());
    }

    // ---- PostgreSQL restarts under load --------------------------------------------------------------------------

    @Test
    @Order(5)
    void databaseRestartUnderLoadAnswers503FastAndLosesNothing() throws Exception {
        try (TicketLoad load = new TicketLoad(node.baseUrl(), "fault-db", 4, REQUEST_TIMEOUT)) {
            await(Duration.ofMinutes(1), "tickets before the restart", () -> load.created() >= 10);

            // when PostgreSQL goes away
            long stoppedAt = System.nanoTime();
            database.stop();
            ForkedFlowdesk.Health down = node.awaitHealth(503, Duration.ofSeconds(30));
            assertThat(down.down()).as(down.body()).isTrue();
            ProbeAnswer signIn = get("/api/me", "frank"); // a sign-in the node has not cached: needs the database
            await(Duration.ofSeconds(30), "ticket requests refused while the database is away",
                    () -> load.finishedAfter(stoppedAt).stream().filter(o -> o.kind() == Kind.REFUSED).count() >= 3);

            // and comes back on the same data directory and port
            database.start();
            long restartedAt = System.nanoTime();
            node.awaitHealth(200, Duration.ofSeconds(60));
            long createdBefore = load.created();
            await(Duration.ofMinutes(1), "tickets after the restart", () -> load.created() >= createdBefore + 10);
            load.close();

            // then the node said so at once while the database was away, and nothing hung
            List<Outcome> outcomes = load.outcomes();
            assertThat(outcomes).as("requests that ran into the client timeout")
                    .noneMatch(o -> o.kind() == Kind.TIMEOUT);
            assertThat(outcomes).as("requests the node failed to answer").noneMatch(o -> o.kind() == Kind.IO_ERROR);
            List<Outcome> refused = outcomes.stream().filter(o -> o.kind() == Kind.REFUSED).toList();
            assertThat(refused).as("refusals").isNotEmpty().allSatisfy(o -> {
                assertThat(o.status()).as(o.detail()).isEqualTo(503);
                assertThat(o.contentType()).as(o.detail()).startsWith("application/problem+json");
            });
            assertThat(refused).as("refused while the database was away, not after it was back")
                    .allMatch(o -> o.startedAtNanos() - restartedAt < 0);
            assertThat(signIn.status()).as(signIn.body()).isEqualTo(503);
            assertThat(signIn.contentType()).as(signIn.body()).startsWith("application/problem+json");
            assertThat(signIn.retryAfter()).as("Retry-After").isEqualTo("5");
            System.out.printf("database restart: %d requests, %d refused with 503, slowest %d ms%n", outcomes.size(),
                    refused.size(), outcomes.stream().mapToLong(Outcome::millis).max().orElse(0));

            Map<String, String> acknowledged = outcomes.stream().filter(o -> o.kind() == Kind.CREATED)
                    .collect(Collectors.toMap(Outcome::subject, Outcome::number));
            assertWholeTickets("fault-db-%", acknowledged, load.attempted());
        }

        // and the clustered jobs came back with the database: a new mail opens a ticket and is acknowledged
        mail.deliverNewRequest("fault-after-restart");
        await(Duration.ofMinutes(2), "the mail after the restart acknowledged", () -> count("""
                select count(*) from mail_outbox o join ticket t on t.id = o.ticket_id
                where t.subject = 'fault-after-restart' and o.status = 'SENT'""") == 1);
    }

    // ---- checks --------------------------------------------------------------------------------------------------

    /**
     * Every ticket whose subject matches is whole: exactly one row per subject, its process instance running (first
     * wait state reached) and its CREATED and PROCESS_STARTED audit events; every acknowledged subject is there with
     * the number it was acknowledged with; no subject that was never sent appears. And in the whole database no
     * ticket lacks its process instance.
     */
    private void assertWholeTickets(String subjects, Map<String, String> acknowledged, List<String> attempted)
            throws SQLException {
        Map<String, List<String>> rows = new HashMap<>();
        try (Connection connection = database.connect();
             var statement = connection.prepareStatement("""
                     select t.subject, t.number,
                       (select count(*) from act_hi_procinst p where p.id_ = t.process_instance_id),
                       (select count(*) from act_ru_execution e where e.proc_inst_id_ = t.process_instance_id),
                       (select count(*) from audit_event a where a.ticket_id = t.id and a.type = 'CREATED'),
                       (select count(*) from audit_event a where a.ticket_id = t.id and a.type = 'PROCESS_STARTED')
                     from ticket t where t.subject like ?""")) {
            statement.setString(1, subjects);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String subject = row.getString(1);
                    assertThat(row.getLong(3)).as(subject + ": process instance in history").isEqualTo(1);
                    assertThat(row.getLong(4)).as(subject + ": process instance running").isPositive();
                    assertThat(row.getLong(5)).as(subject + ": CREATED audit events").isEqualTo(1);
                    assertThat(row.getLong(6)).as(subject + ": PROCESS_STARTED audit events").isEqualTo(1);
                    rows.computeIfAbsent(subject, s -> new ArrayList<>()).add(row.getString(2));
                }
            }
        }
        assertThat(rows).as("tickets per subject").allSatisfy((subject, numbers) ->
                assertThat(numbers).as(subject).hasSize(1));
        acknowledged.forEach((subject, number) ->
                assertThat(rows.get(subject)).as("acknowledged " + subject).containsExactly(number));
        if (!attempted.isEmpty()) {
            assertThat(attempted).as("subjects sent").containsAll(rows.keySet());
        }
        assertThat(count("""
                select count(*) from ticket t where t.process_instance_id is null
                or not exists (select 1 from act_hi_procinst p where p.id_ = t.process_instance_id)"""))
                .as("tickets without their process instance").isZero();
        System.out.printf("%s: %d tickets, %d acknowledged, %d requests%n", subjects, rows.size(), acknowledged.size(),
                attempted.size());
    }

    private long delivered() {
        try {
            return mail.deliveriesByMessageId().size();
        } catch (Exception e) {
            return 0;
        }
    }

    private long count(String sql) {
        try (Connection connection = database.connect();
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Long> groupCount(String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = database.connect();
             ResultSet row = connection.createStatement().executeQuery(sql)) {
            while (row.next()) {
                counts.put(row.getString(1), row.getLong(2));
            }
        }
        return counts;
    }

    private record ProbeAnswer(int status, String contentType, String retryAfter, String body) {
    }

    private ProbeAnswer get(String path, String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":demo").getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ProbeAnswer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Retry-After").orElse(null), response.body());
    }

    private static void await(Duration timeout, String what, BooleanSupplier condition) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - until > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            ForkedFlowdesk.sleep(500);
        }
    }
}
