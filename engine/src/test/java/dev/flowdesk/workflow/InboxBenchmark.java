package dev.flowdesk.workflow;

import dev.flowdesk.EmbeddedPostgres;
import dev.flowdesk.FlowdeskApplication;
import dev.flowdesk.inbox.InboxEntries;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Not a test: the agent's inbox on PostgreSQL at volume (issues 11 and 14: an inbox page in p95 ≤ 50 ms at 100,000
 * open tickets). A few real tickets are opened through the API; a bulk loader then clones their rows by SQL
 * (ticket, Camunda's executions, tasks, candidate links, variables and their byte arrays, message subscriptions and
 * SLA timers, with fresh ids) so the engine sees consistent runtime state, and adds closed tickets with a
 * conversation article each. The inbox read model is filled by its rebuild from the engine (timed). Then
 * {@code GET /api/tasks} is timed over HTTP for several orders and filters, as bob (service desk and dispatcher: most
 * of the tasks) and frank (network and field service: a small part), next to two baselines of the same run: the
 * authenticated no-op {@code GET /api/me} and the ticket list {@code GET /api/tickets}. Prints the table and the
 * EXPLAIN ANALYZE of the inbox's statements.
 * <pre>
 * mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.flowdesk.workflow.InboxBenchmark -Dexec.args="OPEN CLOSED REQUESTS"
 * </pre>
 * {@code -Dbench.search=false} leaves out the full-text search probes (seconds each at a million tickets);
 * {@code -Dbench.dashboard-only=true} times only the dashboard (after the load, the inbox rebuild and the report
 * roll-up's full build, which is timed); {@code -Dbench.search-only=true} only the search probes (and the no-op),
 * with the EXPLAIN ANALYZE of each. {@code -Dbench.hold-minutes=N} loads, stops the application and keeps the loaded
 * database for N minutes (its JDBC URL is printed: psql, or another run's {@code -Dbench.url=URL}, which loads
 * nothing and times against it: iterating on a search without five minutes of loading each time).
 */
public final class InboxBenchmark {

    private static final int SEEDS = 8;
    private static final long OPEN_IDS = 1_000_000_000L;
    private static final long CLOSED_IDS = 2_000_000_000L;

    /** A desk's everyday words, German and English (the knowledge base benchmark's vocabulary). */
    private static final String[] VOCABULARY = {"Drucker", "druckt", "Druckerproblemen", "Warteschlange", "Treiber",
            "Passwort", "abgelaufen", "zurücksetzen", "Netzwerk", "Verbindung", "bricht", "Bildschirm", "flackert",
            "Laptop", "Akku", "lädt", "Outlook", "startet", "Postfach", "voll", "Zugang", "Freigabe", "Ordner", "Rechte",
            "Telefon", "Headset", "Teams", "Besprechung", "Kamera", "Mikrofon", "Software", "Installation", "Lizenz",
            "Update", "fehlgeschlagen", "Server", "langsam", "Anmeldung", "Konto", "gesperrt", "Scanner", "scannt",
            "Dokumente", "Rechnung", "Buchhaltung", "Urlaubsantrag", "Formular", "printer", "printing", "queue",
            "driver", "password", "expired", "reset", "network", "connection", "drops", "screen", "flickers", "battery",
            "charging", "starts", "mailbox", "full", "access", "share", "folder", "permissions", "phone", "headset",
            "meeting", "camera", "microphone", "installation", "licence", "update", "failed", "server", "slow",
            "login", "account", "locked", "scanner", "scanning", "documents", "invoice", "accounting", "vacation",
            "request", "form"};

    private InboxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int closed = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        // PostgreSQL as docs/operations.md sizes it: shared_buffers a quarter of the RAM (default 128 MB left a
        // million tickets to the OS cache, a system call per block)
        System.setProperty("flowdesk.pg.shared-buffers", System.getProperty("flowdesk.pg.shared-buffers",
                Math.max(128, ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize() / 4 / 1024 / 1024) + "MB"));
        boolean search = Boolean.parseBoolean(System.getProperty("bench.search", "true"));
        boolean dashboardOnly = Boolean.getBoolean("bench.dashboard-only");
        boolean searchOnly = Boolean.getBoolean("bench.search-only");
        // an already loaded database (a held run's, see below): nothing is loaded, the probes run against it
        String reuse = System.getProperty("bench.url");
        int holdMinutes = Integer.getInteger("bench.hold-minutes", 0);
        String url = reuse != null ? reuse : EmbeddedPostgres.newDatabase();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlowdeskApplication.class)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres", "--flowdesk.demo.enabled=true", "--server.port=0",
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Http alice = new Http(port, "alice");
            Http bob = new Http(port, "bob");
            Http frank = new Http(port, "frank");
            Http dora = new Http(port, "dora");

            double openSeconds = 0;
            double closedSeconds = 0;
            double rebuildSeconds = 0;
            int rows = 0;
            if (reuse == null) {
                List<Long> seeds = seedTickets(alice, bob, jdbc);
                // asynchronous steps of the seeds finish first: only their timers are cloned, never a pending
                // message job
                for (int i = 0; i < 240 && jdbc.queryForObject("SELECT count(*) FROM ACT_RU_JOB WHERE TYPE_ ="
                        + " 'message'", Integer.class) > 0; i++) {
                    Thread.sleep(250);
                }
                long loadStart = System.nanoTime();
                Loader loader = new Loader(jdbc, seeds, open / SEEDS);
                loader.open();
                openSeconds = (System.nanoTime() - loadStart) / 1e9;
                long closedStart = System.nanoTime();
                loader.closed(closed);
                closedSeconds = (System.nanoTime() - closedStart) / 1e9;
                long rebuildStart = System.nanoTime();
                rows = app.getBean(InboxEntries.class).rebuild();
                rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
                jdbc.execute("VACUUM ANALYZE");
                // the rows went past the application: the report roll-up is rebuilt (timed), as after an import; its
                // job (every minute, as shipped) may have built it half-loaded meanwhile, and keeps it up to date
                long rollupStart = System.nanoTime();
                dev.flowdesk.ticket.ReportRollup rollup = app.getBean(dev.flowdesk.ticket.ReportRollup.class);
                rollup.requestRebuild();
                rollup.refresh();
                double rollupSeconds = (System.nanoTime() - rollupStart) / 1e9;
                jdbc.execute("ANALYZE report_day");
                System.out.printf("report roll-up built: %,d rows in %.1f s (%s)%n", jdbc.queryForObject(
                        "SELECT count(*) FROM report_day", Long.class), rollupSeconds, rollup.state());
            }
            if (holdMinutes > 0) {
                // keeps the loaded database for psql and for runs with -Dbench.url (the application stops, so no
                // scheduler of this JVM runs beside them); the database stops with this JVM
                app.close();
                System.out.printf("%nHOLDING %s for %d minutes (psql: user postgres)%n", url, holdMinutes);
                Thread.sleep(holdMinutes * 60_000L);
                return;
            }

            Map<String, Object> counts = jdbc.queryForMap("SELECT (SELECT count(*) FROM ticket WHERE status <> 'CLOSED')"
                    + " AS open, (SELECT count(*) FROM ticket) AS tickets, (SELECT count(*) FROM ACT_RU_TASK) AS tasks,"
                    + " (SELECT count(*) FROM ACT_RU_VARIABLE) AS variables, (SELECT count(*) FROM article) AS articles");

            Map<String, Probe> probes = new LinkedHashMap<>();
            probes.put("baseline: GET /api/me (authenticated no-op)", new Probe(bob, "/api/me"));
            if (!dashboardOnly && !searchOnly) {
            probes.put("baseline: GET /api/tickets?size=50 (ticket list)", new Probe(bob, "/api/tickets?size=50"));
            probes.put("bob inbox, urgency (default)", new Probe(bob, "/api/tasks"));
            probes.put("bob inbox, due", new Probe(bob, "/api/tasks?sort=due"));
            probes.put("bob inbox, created", new Probe(bob, "/api/tasks?sort=created"));
            probes.put("bob inbox, newest", new Probe(bob, "/api/tasks?sort=newest"));
            probes.put("bob inbox, unassigned", new Probe(bob, "/api/tasks?filter=unassigned"));
            probes.put("bob inbox, mine", new Probe(bob, "/api/tasks?filter=mine"));
            probes.put("bob inbox, urgency, page 20", new Probe(bob, "/api/tasks?page=20"));
            probes.put("frank inbox (small queues), urgency", new Probe(frank, "/api/tasks"));
            probes.put("frank inbox (small queues), due", new Probe(frank, "/api/tasks?sort=due"));
            }
            if (search && !dashboardOnly) {
            // full-text search (issue 11: p95 <= 200 ms; issue 10: <= 100 ms): the one search box, relevance first
            probes.put("bob search 'Drucker druckt nicht'", new Probe(bob, "/api/tickets?size=50&q=Drucker%20druckt%20nicht"));
            probes.put("bob search 'password reset', open only", new Probe(bob, "/api/tickets?size=50&state=open"
                    + "&q=password%20reset"));
            probes.put("bob search 'Outlook', newest first", new Probe(bob, "/api/tickets?size=50&sort=-createdAt"
                    + "&q=Outlook"));
            probes.put("bob /api/search 'Netzwerk langsam' (tickets)", new Probe(bob, "/api/search?type=ticket"
                    + "&q=Netzwerk%20langsam"));
            probes.put("frank search 'printer' (small queues)", new Probe(frank, "/api/tickets?size=50&q=printer"));
            }
            Map<String, Long> totals = new LinkedHashMap<>();
            for (var probe : probes.entrySet()) {
                String body = probe.getValue().user.get(probe.getValue().path); // warm-up and a sanity check
                totals.put(probe.getKey(), total(body));
                for (int i = 0; i < 30; i++) {
                    probe.getValue().user.get(probe.getValue().path);
                }
            }
            Map<String, long[]> timings = new LinkedHashMap<>();
            for (int round = 0; round < requests; round++) { // interleaved, so load changes hit every probe alike
                for (var probe : probes.entrySet()) {
                    long start = System.nanoTime();
                    probe.getValue().user.get(probe.getValue().path);
                    timings.computeIfAbsent(probe.getKey(), k -> new long[requests])[round] = System.nanoTime() - start;
                }
            }

            System.out.printf("%nInbox on PostgreSQL: %s open tickets (%s tickets in all, %s open tasks, %s variables,"
                            + " %s articles)%nloaded by SQL: open %.1f s, closed %.1f s; read model rebuilt from the"
                            + " engine: %,d rows in %.1f s%n%d requests per line over HTTP (HTTP Basic, one thread,"
                            + " interleaved), page size 50, load average %.1f%n",
                    counts.get("open"), counts.get("tickets"), counts.get("tasks"), counts.get("variables"),
                    counts.get("articles"), openSeconds, closedSeconds, rows, rebuildSeconds, requests,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("%-52s %9s %8s %8s %8s%n", "", "total", "p50 ms", "p95 ms", "p99 ms");
            for (var timing : timings.entrySet()) {
                long[] sorted = timing.getValue().clone();
                Arrays.sort(sorted);
                Long total = totals.get(timing.getKey());
                System.out.printf("%-52s %9s %8.1f %8.1f %8.1f%n", timing.getKey(),
                        total == null ? "" : String.format("%,d", total), pct(sorted, 50), pct(sorted, 95),
                        pct(sorted, 99));
            }
            if (!searchOnly) {
                reports(app, bob, dora, requests);
            }
            if (dashboardOnly) {
                return;
            }
            dev.flowdesk.security.CurrentUser bobUser = new dev.flowdesk.security.CurrentUser("bob", "Bob",
                    "bob@example.com", List.of("service-desk", "dispatcher"), java.util.Set.of(
                    dev.flowdesk.security.Role.USER, dev.flowdesk.security.Role.AGENT), null);
            dev.flowdesk.security.CurrentUser frankAgent = new dev.flowdesk.security.CurrentUser("frank", "Frank",
                    "frank@example.com", List.of("field-service", "network"), java.util.Set.of(
                    dev.flowdesk.security.Role.USER, dev.flowdesk.security.Role.AGENT), null);
            if (search) {
                // the statements of the five search probes, as each request binds them
                explainSearch(app, bobUser, Map.of("q", "Drucker druckt nicht"), null);
                explainSearch(app, bobUser, Map.of("q", "password reset", "state", "open"), null);
                explainSearch(app, bobUser, Map.of("q", "Outlook"), "-createdAt");
                explainSearch(app, bobUser, Map.of("q", "Netzwerk langsam"), null);
                explainSearch(app, frankAgent, Map.of("q", "printer"), null);
            }
            if (searchOnly) {
                return;
            }
            explain(app.getBean(NamedParameterJdbcTemplate.class), "bob", List.of("service-desk", "dispatcher"),
                    "candidate", "urgency", 0);
            explain(app.getBean(NamedParameterJdbcTemplate.class), "bob", List.of("service-desk", "dispatcher"),
                    "candidate", "due", 20);
            explain(app.getBean(NamedParameterJdbcTemplate.class), "frank", List.of("field-service", "network"),
                    "candidate", "urgency", 0);
        }
    }

    /** The dashboard's report over HTTP (issue 11: at most 1 s) and the EXPLAIN ANALYZE of its statements. */
    private static void reports(ConfigurableApplicationContext app, Http bob, Http dora, int requests)
            throws Exception {
        // the dashboard (issue 11: at most 1 s): the report over 30 days (the open tickets) and over a year (the
        // closed ones too), desk-wide for dora and in bob's scope
        String yearAgo = java.time.LocalDate.now().minusDays(365).toString();
        Map<String, Probe> reports = new LinkedHashMap<>();
        reports.put("dora report, last 30 days (desk)", new Probe(dora, "/api/reports/overview"));
        reports.put("dora report, last 365 days (desk)", new Probe(dora, "/api/reports/overview?from=" + yearAgo));
        reports.put("bob report, last 365 days (his queues)", new Probe(bob, "/api/reports/overview?from="
                + yearAgo));
        int reportRequests = Math.max(20, requests / 15);
        System.out.printf("%nReports (%d requests each, after 2 warm-ups)%n", reportRequests);
        System.out.printf("%-52s %9s %8s %8s %8s%n", "", "created", "p50 ms", "p95 ms", "max ms");
        for (var probe : reports.entrySet()) {
            String body = probe.getValue().user.get(probe.getValue().path);
            probe.getValue().user.get(probe.getValue().path);
            long[] times = new long[reportRequests];
            for (int i = 0; i < reportRequests; i++) {
                long start = System.nanoTime();
                probe.getValue().user.get(probe.getValue().path);
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            java.util.regex.Matcher created = java.util.regex.Pattern.compile("\"created\":(\\d+)").matcher(body);
            System.out.printf("%-52s %9s %8.1f %8.1f %8.1f%n", probe.getKey(), created.find() ? created.group(1)
                    : "?", pct(times, 50), pct(times, 95), times[times.length - 1] / 1e6);
        }
        java.time.LocalDate tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        for (int days : new int[] {31, 366}) {
            System.out.printf("%nEXPLAIN ANALYZE of the desk's figures, %d days, from the roll-up:%n", days);
            dev.flowdesk.ticket.ReportExplain.explain(app, tomorrow.minusDays(days), tomorrow)
                    .forEach(line -> System.out.println("  " + line));
        }
        dev.flowdesk.security.CurrentUser bobAgent = new dev.flowdesk.security.CurrentUser("bob", "Bob",
                "bob@example.com", List.of("service-desk", "dispatcher"), java.util.Set.of(
                dev.flowdesk.security.Role.USER, dev.flowdesk.security.Role.AGENT), null);
        System.out.printf("%nEXPLAIN ANALYZE of bob's figures, 366 days, and his backlog:%n");
        dev.flowdesk.ticket.ReportExplain.explain(app, bobAgent, tomorrow.minusDays(366), tomorrow)
                .forEach(line -> System.out.println("  " + line));
    }

    private static void explainSearch(ConfigurableApplicationContext app, dev.flowdesk.security.CurrentUser user,
                                      Map<String, String> query, String sort) {
        System.out.printf("%nEXPLAIN ANALYZE of %s's search %s, sort %s:%n", user.id(), query, sort);
        dev.flowdesk.ticket.TicketSearchExplain.explain(app, user, query, sort)
                .forEach(line -> System.out.println("  " + line));
    }

    /** Eight real incidents of mixed impact and urgency, through the incident form, each at its resolve task. */
    private static List<Long> seedTickets(Http alice, Http bob, JdbcTemplate jdbc) throws Exception {
        String[] levels = {"LOW", "MEDIUM"};
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < SEEDS; i++) {
            String body = bob.post("/api/tickets", "{\"type\":\"INCIDENT\",\"subject\":\"Seed " + i + ": printer"
                    + " jams\",\"description\":\"Paper jam on floor " + i + "\",\"requester\":\"alice\",\"impact\":\""
                    + levels[i % 2] + "\",\"urgency\":\"" + levels[(i / 2) % 2] + "\",\"category\":\"hardware\"}");
            ids.add(Long.parseLong(body.replaceAll("(?s).*\"ticketId\"\\s*:\\s*(\\d+).*", "$1")));
            alice.post("/api/tickets/" + ids.get(i) + "/articles", "{\"body\":\"It happens every morning.\"}");
        }
        for (long id : ids) {
            Integer tasks = jdbc.queryForObject("SELECT count(*) FROM ACT_RU_TASK T JOIN ticket K ON"
                    + " K.process_instance_id = T.PROC_INST_ID_ WHERE K.id = ?", Integer.class, id);
            if (tasks == null || tasks != 1) {
                throw new IllegalStateException("seed ticket " + id + " has " + tasks + " open tasks, not 1");
            }
        }
        return ids;
    }

    /**
     * Clones the seed tickets' rows by SQL. Every clone gets its own priority, queue, due date, task creation time
     * and (for a fifth) an assignee; the candidate group follows the queue, as the model's {@code ${queue}} would.
     */
    private record Loader(JdbcTemplate jdbc, List<Long> seeds, int copies) {

        void open() {
            jdbc.execute("CREATE TEMPORARY TABLE bench_seed AS SELECT id AS ticket_id, process_instance_id AS pid,"
                    + " queue, row_number() OVER (ORDER BY id) - 1 AS k FROM ticket WHERE id IN ("
                    + seeds.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
            // queues: 80% service desk (bob), 4% network and 1% field service (frank), the rest other teams
            jdbc.execute("CREATE TEMPORARY TABLE bench_clone AS SELECT S.k, g, " + OPEN_IDS + " + g * " + SEEDS
                    + " + S.k AS ticket_id, '-' || g AS sfx, S.queue AS seed_queue,"
                    + " (ARRAY['P1','P2','P2','P2','P3','P3','P3','P3','P3','P3','P4','P4','P4','P4','P4'])"
                    + "[1 + (g * 7 + S.k) % 15] AS priority,"
                    + " CASE WHEN (g + S.k) % 100 < 80 THEN 'service-desk' WHEN (g + S.k) % 100 < 84 THEN 'network'"
                    + " WHEN (g + S.k) % 100 < 85 THEN 'field-service' WHEN (g + S.k) % 100 < 93 THEN 'applications'"
                    + " ELSE 'facilities' END AS queue,"
                    + " now() + ((g * 7919 + S.k * 104729) % 43200 + 60) * interval '1 minute' AS due,"
                    + " localtimestamp - ((g * " + SEEDS + " + S.k) % 2592000) * interval '1 second' AS created,"
                    + " CASE WHEN (g * 3 + S.k) % 5 = 0 THEN CASE WHEN g % 97 = 0 THEN 'bob' WHEN g % 89 = 0"
                    + " THEN 'frank' ELSE 'agent' || (g % 40) END END AS assignee"
                    + " FROM bench_seed S CROSS JOIN generate_series(1, " + copies + ") g");
            jdbc.execute("CREATE INDEX ON bench_clone (k)");

            clone("ticket", "ticket S JOIN bench_seed B ON B.ticket_id = S.id JOIN bench_clone C ON C.k = B.k",
                    Map.of("id", "C.ticket_id", "number", "'FDB-' || C.ticket_id", "process_instance_id",
                            "S.process_instance_id || C.sfx", "priority", "C.priority", "queue", "C.queue",
                            "resolution_due", "C.due", "assignee", "C.assignee", "version", "0",
                            // opened when its task was: over the last 30 days, not all in the seeds' minute
                            "created_at", "C.created", "updated_at", "C.created"));
            // the seeds are incidents without called processes: every runtime row names the seed's instance
            String bySeed = " JOIN bench_seed B ON B.pid = %s JOIN bench_clone C ON C.k = B.k";
            clone("act_ru_execution", "ACT_RU_EXECUTION S" + bySeed.formatted("S.PROC_INST_ID_"),
                    suffixed("id_", "proc_inst_id_", "parent_id_", "super_exec_", "root_proc_inst_id_"));
            Map<String, String> task = suffixed("id_", "execution_id_", "proc_inst_id_");
            task.put("assignee_", "C.assignee");
            task.put("create_time_", "C.created");
            clone("act_ru_task", "ACT_RU_TASK S" + bySeed.formatted("S.PROC_INST_ID_"), task);
            Map<String, String> link = suffixed("id_", "task_id_");
            link.put("group_id_", "CASE WHEN S.GROUP_ID_ = C.seed_queue THEN C.queue ELSE S.GROUP_ID_ END");
            clone("act_ru_identitylink", "ACT_RU_IDENTITYLINK S JOIN ACT_RU_TASK T ON T.ID_ = S.TASK_ID_"
                    + bySeed.formatted("T.PROC_INST_ID_"), link);
            clone("act_ge_bytearray", "ACT_GE_BYTEARRAY S JOIN ACT_RU_VARIABLE V ON V.BYTEARRAY_ID_ = S.ID_"
                    + bySeed.formatted("V.PROC_INST_ID_"), suffixed("id_", "root_proc_inst_id_"));
            Map<String, String> variable = suffixed("id_", "execution_id_", "proc_inst_id_", "task_id_",
                    "bytearray_id_", "var_scope_");
            variable.put("long_", "CASE WHEN S.NAME_ = 'ticketId' THEN C.ticket_id ELSE S.LONG_ END");
            variable.put("text_", "CASE WHEN S.NAME_ = 'ticketId' AND S.TEXT_ IS NOT NULL THEN C.ticket_id::varchar"
                    + " WHEN S.NAME_ = 'queue' THEN C.queue WHEN S.NAME_ = 'priority' THEN C.priority ELSE S.TEXT_ END");
            clone("act_ru_variable", "ACT_RU_VARIABLE S" + bySeed.formatted("S.PROC_INST_ID_"), variable);
            clone("act_ru_event_subscr", "ACT_RU_EVENT_SUBSCR S" + bySeed.formatted("S.PROC_INST_ID_"),
                    suffixed("id_", "execution_id_", "proc_inst_id_"));
            Map<String, String> job = suffixed("id_", "execution_id_", "process_instance_id_", "root_proc_inst_id_");
            job.put("duedate_", "CASE WHEN S.DUEDATE_ IS NULL THEN NULL ELSE C.due END");
            job.put("lock_owner_", "NULL");
            job.put("lock_exp_time_", "NULL");
            clone("act_ru_job", "ACT_RU_JOB S" + bySeed.formatted("S.PROCESS_INSTANCE_ID_")
                    + " WHERE S.TYPE_ = 'timer' AND S.EXCEPTION_STACK_ID_ IS NULL", job);
            // the conversation: each clone carries its seed's articles
            clone("article", "article S JOIN bench_seed B ON B.ticket_id = S.ticket_id JOIN bench_clone C ON C.k = B.k",
                    Map.of("id", "3000000000 + row_number() OVER ()", "ticket_id", "C.ticket_id"));
        }

        /**
         * Closed tickets (no runtime state) created over the last three years, each with one conversation article.
         * Subjects, descriptions and articles draw two or three words from a desk's everyday vocabulary (German and
         * English, as in the knowledge base benchmark) and a made-up long-tail word, so a search word matches a few
         * percent of the tickets, not all or none. The full-text indexes are built once after the load.
         */
        void closed(int count) {
            if (count == 0) {
                return;
            }
            String words = "(ARRAY[" + java.util.stream.Stream.of(VOCABULARY).map(w -> "'" + w + "'")
                    .collect(Collectors.joining(",")) + "])";
            String word = words + "[1 + (%s) %% " + VOCABULARY.length + "]";
            String created = "S.created_at - ((g * 94) % 94608000) * interval '1 second'";
            jdbc.execute("DROP INDEX IF EXISTS ix_ticket_search");
            jdbc.execute("DROP INDEX IF EXISTS ix_article_search");
            clone("ticket", "ticket S CROSS JOIN generate_series(1, " + count + ") g WHERE S.id = " + seeds.get(0),
                    Map.ofEntries(
                            Map.entry("id", CLOSED_IDS + " + g"),
                            Map.entry("number", "'FDC-' || g"),
                            Map.entry("process_instance_id", "NULL"),
                            Map.entry("status", "'CLOSED'"),
                            Map.entry("priority", "(ARRAY['P1','P2','P3','P4'])[1 + g % 4]"),
                            Map.entry("queue", "(ARRAY['service-desk','service-desk','service-desk','network',"
                                    + "'applications','facilities','field-service'])[1 + g % 7]"),
                            Map.entry("created_at", created),
                            Map.entry("updated_at", created + " + interval '2 days'"),
                            Map.entry("resolved_at", created + " + interval '1 day'"),
                            Map.entry("closed_at", created + " + interval '2 days'"),
                            Map.entry("first_responded_at", created + " + (g % 240) * interval '1 minute'"),
                            Map.entry("subject", word.formatted("g * 7") + " || ' ' || " + word.formatted("g * 13 + 5")
                                    + " || ' ' || substr(md5(g::text), 1, 7)"),
                            Map.entry("description", "substr(md5((g + 1)::text), 1, 8) || ' ' || "
                                    + word.formatted("g * 17 + 3") + " || ' ' || substr(md5((g + 2)::text), 1, 9)"),
                            Map.entry("version", "0")));
            clone("article", "article S CROSS JOIN generate_series(1, " + count + ") g WHERE S.id = (SELECT min(id)"
                    + " FROM article WHERE ticket_id = " + seeds.get(0) + ")",
                    Map.of("id", CLOSED_IDS + " + g", "ticket_id", CLOSED_IDS + " + g",
                            // answered an hour after its ticket was opened (the seed's ticket and article are of
                            // the same minute): a search newest first looks at recent articles only
                            "created_at", created + " + interval '1 hour'", "body",
                            "substr(md5((g + 3)::text), 1, 8) || ' ' || " + word.formatted("g * 19 + 11")
                                    + " || ' ' || " + word.formatted("g * 23 + 2") + " || ' ' || substr(md5((g + 4)"
                                    + "::text), 1, 6)"));
            long start = System.nanoTime();
            jdbc.execute("CREATE INDEX ix_ticket_search ON ticket USING gin (search_vector)");
            jdbc.execute("CREATE INDEX ix_article_search ON article USING gin (search_vector)");
            System.out.printf("built the full-text indexes in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }

        private static Map<String, String> suffixed(String... columns) {
            Map<String, String> map = new LinkedHashMap<>();
            for (String column : columns) {
                map.put(column, "S." + column + " || C.sfx");
            }
            return map;
        }

        /** INSERT ... SELECT of every column of the table, some replaced by expressions over the seed row S. */
        private void clone(String table, String from, Map<String, String> replaced) {
            // generated columns (the full-text vectors) compute themselves
            List<String> columns = jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE"
                    + " table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'"
                    + " ORDER BY ordinal_position", String.class, table);
            if (columns.isEmpty()) {
                throw new IllegalStateException("no table " + table);
            }
            String select = columns.stream().map(c -> replaced.getOrDefault(c, "S." + c))
                    .collect(Collectors.joining(", "));
            long start = System.nanoTime();
            int rows = jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + select
                    + " FROM " + from);
            System.out.printf("loaded %,d rows into %s in %.1f s%n", rows, table, (System.nanoTime() - start) / 1e9);
        }
    }

    /** EXPLAIN ANALYZE of the inbox's two statements, with the values a request of this user binds. */
    private static void explain(NamedParameterJdbcTemplate jdbc, String user, List<String> groups, String filter,
                                String order, int page) {
        InboxQuery.Statements statements = InboxQuery.statements(filter, order, user, groups, page, 50);
        for (String sql : List.of(statements.count(), statements.page())) {
            System.out.printf("%nEXPLAIN ANALYZE (%s, %s, %s, page %d):%n", user, filter, order, page);
            jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, statements.params(), String.class)
                    .forEach(System.out::println);
        }
    }

    /** The {@code total} of a page, or null for a body that is none. */
    private static Long total(String body) {
        var matcher = java.util.regex.Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(body);
        return matcher.find() ? Long.valueOf(matcher.group(1)) : null;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private record Probe(Http user, String path) {
    }

    /** One demo user over HTTP Basic (the credential cache makes every request after the first cheap). */
    private static final class Http {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();
        private final String base;
        private final String authorization;

        Http(int port, String user) {
            this.base = "http://localhost:" + port;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":demo")
                    .getBytes(StandardCharsets.UTF_8));
        }

        String get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), path);
        }

        String post(String path, String json) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)), path);
        }

        private String send(HttpRequest.Builder request, String path) throws Exception {
            HttpResponse<String> response = CLIENT.send(request.header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
