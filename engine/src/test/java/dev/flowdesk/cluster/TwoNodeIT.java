package dev.flowdesk.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.EmbeddedPostgres;
import dev.flowdesk.FlowdeskApplication;
import dev.flowdesk.mail.inbound.MailboxPoller;
import dev.flowdesk.mail.outbound.OutboxSender;
import dev.flowdesk.rules.RuleSetCompiler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Flowdesk nodes on one PostgreSQL database and one mail server, as behind a load balancer: two application
 * contexts in this JVM, each with its own web server, Camunda job executor, Quartz scheduler (clustered, instance ids
 * {@code node-a} and {@code node-b}), mail poller and outbox sender. Work that starts on one node ends on the other,
 * and nothing happens twice: tickets opened on A are dispatched on B; a thousand SLA timers fall due at once and
 * each escalates its ticket once and mails once; mail dropped in the shared mailbox becomes one ticket per message
 * although both nodes poll it at the same time; each outbox row reaches the SMTP server once although both nodes
 * send at the same time. A rule-set activation and a form version saved on A decide B's very next request, and a
 * browser session opened on A is continued, and ended, on B.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeIT {

    /** Tickets opened on A whose first task (dispatch) is completed on B; the issue asks for 500. */
    static final int THROUGH_BOTH = 500;
    /** Tickets opened on B that wait at their resolution task, so that with the above 1,000 SLA timers run. */
    static final int OPENED_ON_B = 500;
    static final int TIMERS = THROUGH_BOTH + OPENED_ON_B;
    static final int MAILS = 100;
    static final String DESK = "help@flowdesk.test";
    static final Duration PATIENCE = Duration.ofMinutes(3);

    static final ObjectMapper JSON = new ObjectMapper();
    static GreenMail greenMail;
    static GreenMailUser desk;
    static Node a;
    static Node b;
    static JdbcTemplate jdbc;

    /** One running node. */
    record Node(String name, ConfigurableApplicationContext context, int port) {
        ApiClient as(String user) {
            return ApiClient.as(port, user, "demo");
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        String url(String path) {
            return "http://localhost:" + port + path;
        }
    }

    @BeforeAll
    static void startTwoNodes() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        desk = greenMail.setUser(DESK, "help", "secret");
        String database = EmbeddedPostgres.newDatabase();
        // One after the other, as a rolling start would: A migrates the schema and seeds the demo users.
        Phases phases = new Phases();
        a = start("node-a", database);
        phases.done("node A started");
        b = start("node-b", database);
        phases.done("node B started");
        jdbc = a.bean(JdbcTemplate.class);
    }

    @AfterAll
    static void stopTwoNodes() {
        if (b != null) {
            b.context().close();
        }
        if (a != null) {
            a.context().close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static Node start(String name, String database) {
        // Command-line arguments, because application.yml's datasource default outranks builder properties.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(FlowdeskApplication.class).run(
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.datasource.hikari.connection-timeout=10000",
                "--flowdesk.demo.enabled=true",
                "--server.port=0",
                // Camunda's web apps keep static state per JVM; two in one JVM would share it.
                "--camunda.bpm.webapp.enabled=false",
                "--spring.quartz.properties.org.quartz.scheduler.instanceId=" + name,
                // An idle job executor looks for due jobs at least every second (Camunda's default backs off to 60 s).
                "--camunda.bpm.job-execution.wait-time-in-millis=500",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--flowdesk.mail.from=" + DESK,
                "--flowdesk.mail.mailboxes[0].url=imap://help:secret@127.0.0.1:" + greenMail.getImap().getPort()
                        + "/INBOX",
                "--flowdesk.mail.mailboxes[0].address=" + DESK,
                "--flowdesk.mail.mailboxes[0].queue=service-desk",
                "--flowdesk.mail.mailboxes[0].poll-interval=PT2S",
                "--flowdesk.mail.send-interval=PT1S",
                "--flowdesk.mail.retry-backoff=PT1S",
                // every escalation mails the same lead: the per-address loop guard must not withhold any here
                "--flowdesk.mail.auto-answers-per-hour=1000000",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + greenMail.getSmtp().getPort());
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        return new Node(name, context, port);
    }

    // ---- sessions ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aBrowserSessionOpenedOnAIsContinuedAndEndedOnB() throws Exception {
        // given: bob signs in on A with the login form (the login page sets the CSRF cookie)
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(a.url("/login"))).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        String form = "username=bob&password=demo&_csrf="
                + URLEncoder.encode(cookie(cookies, "XSRF-TOKEN"), StandardCharsets.UTF_8);
        HttpResponse<Void> login = browser.send(HttpRequest.newBuilder(URI.create(a.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String session = cookie(cookies, "JSESSIONID");
        assertThat(session).isNotBlank();

        // when: the load balancer sends the next requests to B
        HttpResponse<String> me = browser.send(xhr(b.url("/api/me")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        // then: B knows bob from the session A created, and his writes pass B's CSRF check with the token cookie
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("id").asText()).isEqualTo("bob");
        String ticket = JSON.writeValueAsString(Map.of("type", "INCIDENT", "subject", "Opened through a session",
                "description", "", "impact", "LOW", "urgency", "LOW"));
        HttpResponse<String> forged = browser.send(xhr(b.url("/api/tickets")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(ticket)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a session write without the CSRF header").isEqualTo(403);
        HttpResponse<String> created = browser.send(xhr(b.url("/api/tickets")).header("Content-Type",
                "application/json").header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(ticket)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        // and signing out on B ends the session on A as well
        HttpResponse<Void> logout = browser.send(HttpRequest.newBuilder(URI.create(b.url("/logout")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(cookie(cookies, "XSRF-TOKEN"),
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(logout.statusCode()).isIn(204, 302);
        HttpResponse<String> afterLogout = HttpClient.newHttpClient().send(xhr(a.url("/api/me"))
                .header("Cookie", "JSESSIONID=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(afterLogout.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void expiredSessionsArePurgedByTheClusteredScheduler() throws Exception {
        // given: a session that expired an hour ago
        long anHourAgo = System.currentTimeMillis() - 3_600_000;
        jdbc.update("insert into spring_session (primary_id, session_id, creation_time, last_access_time,"
                + " max_inactive_interval, expiry_time, principal_name) values (?, ?, ?, ?, 1800, ?, 'bob')",
                "00000000-0000-0000-0000-0000000000e1", "00000000-0000-0000-0000-0000000000e2", anHourAgo - 1_800_000,
                anHourAgo - 1_800_000, anHourAgo);

        // when: the purge job runs (on whichever node Quartz picks)
        a.bean(org.quartz.Scheduler.class).triggerJob(org.quartz.JobKey.jobKey("purge-expired-sessions", "security"));

        // then: the row is gone
        waitUntil("the expired session to be purged", () -> count("select count(*) from spring_session"
                + " where session_id = '00000000-0000-0000-0000-0000000000e2'") == 0);
    }

    // ---- rule sets and forms ------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void aRuleSetActivatedOnADecidesTheNextTicketOnB() {
        ApiClient doraOnA = a.as("dora");
        ApiClient bobOnB = b.as("bob");
        assertThat(queueOf(bobOnB, open(bobOnB, "Printer in room 1 is jammed"))).isEqualTo("field-service");
        String printersToDesk = RuleSetCompiler.shippedSources().get("routing")
                .replace("\"Printer and hardware tickets go to field service\"",
                        "\"Printer and hardware tickets go to the service desk\"")
                .replace("setQueue(\"field-service\")", "setQueue(\"service-desk\")");
        Response uploaded = doraOnA.postRaw("/api/rulesets/routing/versions", "text/plain", printersToDesk);
        assertThat(uploaded.status()).as(uploaded.raw()).isEqualTo(201);
        int version = uploaded.json("/version/version").asInt();

        // when: dora activates it on A
        Response activated = doraOnA.post("/api/rulesets/routing/versions/" + version + "/activate", Map.of());
        assertThat(activated.status()).as(activated.raw()).isEqualTo(200);

        // then: B's very next ticket is decided by it, and says so
        long next = open(bobOnB, "Printer in room 2 is jammed");
        JsonNode ticket = bobOnB.get("/api/tickets/" + next).body();
        assertThat(ticket.get("queue").asText()).isEqualTo("service-desk");
        assertThat(ticket.at("/decision/ruleSetVersion").asText()).contains("routing@" + version);

        // and a roll-back on A is B's next decision too
        assertThat(doraOnA.post("/api/rulesets/routing/versions/1/activate", Map.of()).status()).isEqualTo(200);
        long after = open(bobOnB, "Printer in room 3 is jammed");
        assertThat(queueOf(bobOnB, after)).isEqualTo("field-service");
        assertThat(bobOnB.get("/api/tickets/" + after).json("/decision/ruleSetVersion").asText())
                .contains("routing@1");
    }

    @Test
    @Order(4)
    void aFormVersionSavedOnAValidatesTheNextSubmissionOnB() {
        ApiClient aliceOnB = b.as("alice");
        Map<String, Object> withoutNote = Map.of("data", Map.of("subject", "Scanner offline",
                "description", "since noon", "impact", "LOW", "urgency", "LOW"));
        assertThat(aliceOnB.post("/api/forms/report-incident/submissions", withoutNote).status()).isEqualTo(201);
        ObjectNode form = (ObjectNode) a.as("dora").get("/api/forms/report-incident").body();
        ObjectNode note = JSON.createObjectNode().put("type", "textfield").put("key", "clusterNote")
                .put("label", "Asset tag").put("input", true);
        note.putObject("validate").put("required", true);
        ((ArrayNode) form.get("components")).insert(0, note);

        // when: dora saves a version with a required field on A
        Response saved = a.as("dora").put("/api/forms/report-incident", form.toString());
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);

        // then: B offers it and validates against it at once
        assertThat(aliceOnB.get("/api/forms/report-incident").json("/components/0/key").asText())
                .isEqualTo("clusterNote");
        Response refused = aliceOnB.post("/api/forms/report-incident/submissions", withoutNote);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.json("/errors/0/path").asText()).isEqualTo("data.clusterNote");
        Map<String, Object> withNote = Map.of("data", Map.of("clusterNote", "A-4711", "subject", "Scanner offline",
                "description", "since noon", "impact", "LOW", "urgency", "LOW"));
        Response accepted = aliceOnB.post("/api/forms/report-incident/submissions", withNote);
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
    }

    // ---- recurring tickets -----------------------------------------------------------------------------------

    @Test
    @Order(5)
    void aRecurringTicketFiresOncePerPeriodOnTwoSchedulerNodes() throws Exception {
        // given: dora defines a recurring ticket every 2 seconds on A; both nodes' clustered schedulers may fire it
        Response created = a.as("dora").post("/api/recurring-tickets", Map.of("name", "Two-node backup check",
                "cron", "0/2 * * * * ?", "timeZone", "Europe/Berlin", "type", "SERVICE_REQUEST",
                "subject", "Two-node backup check {date}", "requester", "bob", "impact", "LOW", "urgency", "LOW"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/id").asLong();

        // when: at least five periods pass, then she disables it on B
        waitUntil("five recurring runs", () -> count("select count(*) from recurring_run where recurring_id = "
                + id) >= 5);
        Response disabled = b.as("dora").put("/api/recurring-tickets/" + id, JSON.writeValueAsString(Map.of(
                "name", "Two-node backup check", "cron", "0/2 * * * * ?", "timeZone", "Europe/Berlin",
                "type", "SERVICE_REQUEST", "subject", "Two-node backup check {date}", "requester", "bob",
                "enabled", false)));
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        Thread.sleep(1000); // a fire already under way when it was disabled may still finish

        // then: one run per scheduled time, each with its own ticket, and no ticket without its run
        long runs = count("select count(*) from recurring_run where recurring_id = " + id);
        assertThat(count("select count(distinct scheduled_for) from recurring_run where recurring_id = " + id))
                .isEqualTo(runs);
        assertThat(count("select count(distinct ticket_id) from recurring_run where recurring_id = " + id
                + " and ticket_id is not null")).isEqualTo(runs);
        assertThat(count("select count(*) from ticket where subject like 'Two-node backup check %'"))
                .as("tickets opened by the definition").isEqualTo(runs);
        // and the periods follow each other: consecutive scheduled times are one period (2 s) apart
        List<java.sql.Timestamp> times = jdbc.queryForList("select scheduled_for from recurring_run where"
                + " recurring_id = ? order by scheduled_for", java.sql.Timestamp.class, id);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i).getTime() - times.get(i - 1).getTime()).as("gap before run " + i)
                    .isEqualTo(2000);
        }
    }

    // ---- volume: tickets, SLA timers, inbound and outbound mail -----------------------------------------------

    @Test
    @Order(6)
    void ticketsTimersAndMailCrossBothNodesAndNothingHappensTwice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        Phases phases = new Phases();
        AtomicBoolean racing = new AtomicBoolean(true);
        List<String> raceErrors = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<Object>> racers = new ArrayList<>();
        try {
            // given: mail waiting in the shared mailbox, polled by both nodes' Quartz job and, to force the race,
            // by both nodes directly at the same time
            for (int i = 0; i < MAILS; i++) {
                deliver(i);
            }
            for (Node node : List.of(a, b)) {
                racers.add(pool.submit((Callable<Object>) () -> {
                    while (racing.get()) {
                        // a failed round (an IMAP hiccup under load) must not end the race: the next one goes on
                        try {
                            node.bean(MailboxPoller.class).poll(0);
                        } catch (RuntimeException e) {
                            raceErrors.add(node.name() + " poll: " + e);
                        }
                        try {
                            node.bean(OutboxSender.class).sendDue();
                        } catch (RuntimeException e) {
                            raceErrors.add(node.name() + " send: " + e);
                        }
                        Thread.sleep(200);
                    }
                    return null;
                }));
            }

            // when: 500 tickets are opened on A (no rule claims them: they go to the dispatcher) while 500 printer
            // tickets are opened on B (routed to field service by the rules)
            ApiClient bobOnA = a.as("bob");
            ApiClient bobOnB = b.as("bob");
            List<Future<Long>> openedOnA = new ArrayList<>();
            List<Future<Long>> openedOnB = new ArrayList<>();
            for (int i = 0; i < Math.max(THROUGH_BOTH, OPENED_ON_B); i++) {
                int n = i;
                if (i < THROUGH_BOTH) {
                    openedOnA.add(pool.submit(() -> open(bobOnA, "Cluster item " + n)));
                }
                if (i < OPENED_ON_B) {
                    openedOnB.add(pool.submit(() -> open(bobOnB, "Cluster printer " + n + " is jammed")));
                }
            }
            List<Long> fromA = values(openedOnA);
            List<Long> fromB = values(openedOnB);
            phases.done(THROUGH_BOTH + OPENED_ON_B + " tickets opened over HTTP, half on each node");

            // and B dispatches every ticket A opened
            Map<String, String> dispatchTasks = b.bean(TaskService.class).createTaskQuery()
                    .taskDefinitionKey("Task_DispatchIncident").list().stream()
                    .collect(Collectors.toMap(Task::getProcessInstanceId, Task::getId));
            List<Future<Integer>> dispatched = new ArrayList<>();
            for (long id : fromA) {
                String task = dispatchTasks.get(processInstanceOf(id));
                assertThat(task).as("dispatch task of ticket " + id).isNotNull();
                dispatched.add(pool.submit(() -> {
                    Response claimed = bobOnB.post("/api/tasks/" + task + "/claim", Map.of());
                    assertThat(claimed.status()).as(claimed.raw()).isEqualTo(200);
                    Response done = bobOnB.post("/api/tasks/" + task + "/complete",
                            Map.of("data", Map.of("queue", "service-desk")));
                    assertThat(done.status()).as(done.raw()).isEqualTo(204);
                    return done.status();
                }));
            }
            values(dispatched);
            phases.done(THROUGH_BOTH + " dispatch tasks claimed and completed on B");

            // then: no ticket is lost; every one waits at its resolution task with one SLA timer
            assertThat(fromA).doesNotHaveDuplicates().hasSize(THROUGH_BOTH);
            assertThat(fromB).doesNotHaveDuplicates().hasSize(OPENED_ON_B);
            assertThat(count("select count(*) from ticket where subject like 'Cluster item %'")).isEqualTo(THROUGH_BOTH);
            assertThat(count("select count(*) from ticket where subject like 'Cluster printer %'"))
                    .isEqualTo(OPENED_ON_B);
            assertThat(count("select count(*) from ticket t join act_ru_task k on k.proc_inst_id_ = t.process_instance_id"
                    + " where t.subject like 'Cluster item %' and t.queue = 'service-desk'"
                    + " and k.task_def_key_ = 'Task_ResolveIncident'")).isEqualTo(THROUGH_BOTH);
            String timers = " from act_ru_job j join ticket t on j.process_instance_id_ = t.process_instance_id"
                    + " where j.handler_cfg_ like 'Timer_ResolutionDue%'"
                    + " and (t.subject like 'Cluster item %' or t.subject like 'Cluster printer %')";
            assertThat(count("select count(*)" + timers)).isEqualTo(TIMERS);

            // when: all 1,000 deadlines pass at once (their timers fall due now)
            jdbc.update("update act_ru_job set duedate_ = ? where id_ in (select j.id_" + timers + ")",
                    Timestamp.from(Instant.now().minusSeconds(1)));

            // then: both job executors escalate them, each ticket exactly once
            List<Long> escalated = new ArrayList<>(fromA);
            escalated.addAll(fromB);
            String ids = escalated.stream().map(String::valueOf).collect(Collectors.joining(","));
            waitUntilDone("all " + TIMERS + " tickets escalated", () -> TIMERS - count("select count(distinct"
                    + " ticket_id) from audit_event where type = 'ESCALATED' and ticket_id in (" + ids + ")"));
            phases.done(TIMERS + " SLA timers fired and escalated");
            assertThat(count("select count(*)" + timers)).isZero();
            long leads = a.bean(IdentityService.class).createUserQuery().memberOfGroup("service-desk-leads").list()
                    .stream().filter(u -> u.getEmail() != null).count();
            assertThat(leads).isPositive();

            // and the mail: one ticket per message, however often the two nodes polled it
            waitUntilDone("all " + MAILS + " mails read", () -> MAILS - count("select count(*) from ticket"
                    + " where subject like 'Cluster mail %'"));
            // and the outbox drains, both nodes sending at the same time
            waitUntilDone("the outbox to drain", () -> count("select count(*) from mail_outbox"
                    + " where status in ('PENDING', 'SENDING')"), () -> "outbox " + jdbc.queryForList("select status,"
                    + " count(*) n, min(next_attempt_at) next, max(attempts) attempts, max(claimed_until) claimed"
                    + " from mail_outbox group by status") + "; triggers " + jdbc.queryForList("select trigger_name,"
                    + " trigger_state, next_fire_time from qrtz_triggers") + "; racers " + raceErrors);
            phases.done("mail read and outbox drained");
            racing.set(false);
            values(racers);
            if (!raceErrors.isEmpty()) {
                System.out.println("TwoNodeIT: " + raceErrors.size() + " racing rounds failed and went on, e.g. "
                        + raceErrors.subList(0, Math.min(3, raceErrors.size())));
            }

            // no duplicates: one escalation event and one escalation mail per lead for each ticket
            assertThat(jdbc.queryForList("select ticket_id from audit_event where type = 'ESCALATED'"
                    + " and ticket_id in (" + ids + ") group by ticket_id having count(*) <> 1", Long.class)).isEmpty();
            assertThat(jdbc.queryForList("select ticket_id from mail_outbox where template = 'escalation'"
                    + " and ticket_id in (" + ids + ") group by ticket_id having count(*) <> ?", Long.class, leads))
                    .isEmpty();
            assertThat(count("select count(*) from mail_outbox where template = 'escalation'"
                    + " and ticket_id in (" + ids + ")")).isEqualTo(TIMERS * leads);
            assertThat(jdbc.queryForList("select subject from ticket where subject like 'Cluster mail %'"
                    + " group by subject having count(*) <> 1", String.class)).isEmpty();
            assertThat(count("select count(*) from mail_message m join ticket t on t.id = m.ticket_id"
                    + " where t.subject like 'Cluster mail %' and m.direction = 'IN'")).isEqualTo(MAILS);
            assertThat(count("select count(*) from mail_quarantine")).isZero();
            assertThat(count("select count(*) from mail_outbox o join ticket t on t.id = o.ticket_id"
                    + " where t.subject like 'Cluster mail %' and o.template = 'ack'")).isEqualTo(MAILS);

            // and each outbox row reached the SMTP server exactly once
            List<Map<String, Object>> rows = jdbc.queryForList("select message_id, status, cc from mail_outbox");
            assertThat(rows).allSatisfy(r -> assertThat(r.get("status")).as(String.valueOf(r)).isEqualTo("SENT"));
            Map<String, Integer> deliveries = new HashMap<>();
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                deliveries.merge(String.valueOf(message.getMessageID()), 1, Integer::sum);
            }
            for (Map<String, Object> row : rows) {
                Object cc = row.get("cc");
                int recipients = 1 + (cc == null || cc.toString().isBlank() ? 0 : cc.toString().split(",").length);
                assertThat(deliveries.getOrDefault("<" + row.get("message_id") + ">", 0))
                        .as("SMTP deliveries of " + row.get("message_id")).isEqualTo(recipients);
            }
            assertThat(rows.size()).isGreaterThanOrEqualTo((int) (TIMERS * leads + MAILS));
        } finally {
            racing.set(false);
            pool.shutdownNow();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Prints how long each phase took, for the report (never asserted: speed is measured in benchmarks). */
    private static final class Phases {
        private Instant start = Instant.now();

        void done(String what) {
            Instant now = Instant.now();
            System.out.println("TwoNodeIT: " + what + " in " + Duration.between(start, now).toMillis() + " ms");
            start = now;
        }
    }

    private static long open(ApiClient client, String subject) {
        Response created = client.post("/api/tickets", Map.of("type", "INCIDENT", "subject", subject,
                "description", "", "impact", "LOW", "urgency", "LOW"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("ticketId").asLong();
    }

    private static String queueOf(ApiClient client, long id) {
        return client.get("/api/tickets/" + id).body().get("queue").asText();
    }

    private static String processInstanceOf(long ticketId) {
        return jdbc.queryForObject("select process_instance_id from ticket where id = ?", String.class, ticketId);
    }

    private static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private static void deliver(int n) throws Exception {
        String raw = "From: Customer " + n + " <customer-" + n + "@example.org>\r\n"
                + "To: " + DESK + "\r\n"
                + "Subject: Cluster mail " + n + "\r\n"
                + "Message-ID: <cluster-mail-" + n + "@example.org>\r\n"
                + "Date: Thu, 3 Dec 2026 08:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + "The VPN client number " + n + " does not connect.\r\n";
        desk.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private static HttpRequest.Builder xhr(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
                .header("X-Requested-With", "XMLHttpRequest");
    }

    private static String cookie(CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private static <T> List<T> values(List<? extends Future<T>> futures) throws Exception {
        List<T> values = new ArrayList<>();
        for (Future<T> future : futures) {
            values.add(future.get());
        }
        return values;
    }

    /**
     * Waits until no work is left, failing only when the work stops moving: a slow (shared, loaded) machine may take
     * longer than {@link #PATIENCE} in all, but each stretch of {@link #PATIENCE} must make progress.
     */
    private static void waitUntilDone(String what, Supplier<Long> remaining) throws InterruptedException {
        waitUntilDone(what, remaining, () -> "");
    }

    /** As above; {@code state} describes what is stuck when the wait fails. */
    private static void waitUntilDone(String what, Supplier<Long> remaining, Supplier<String> state)
            throws InterruptedException {
        long left = remaining.get();
        Instant deadline = Instant.now().plus(PATIENCE);
        while (left > 0) {
            if (!Instant.now().isBefore(deadline)) {
                assertThat(Instant.now()).as("waiting for " + what + ": " + left + " left, none done for " + PATIENCE
                        + "; " + state.get()).isBefore(deadline);
            }
            Thread.sleep(250);
            long now = remaining.get();
            if (now < left) {
                deadline = Instant.now().plus(PATIENCE);
            }
            left = now;
        }
    }

    private static void waitUntil(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(250);
        }
    }
}
