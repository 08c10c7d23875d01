package dev.flowdesk.sla;

import dev.flowdesk.EmbeddedPostgres;
import dev.flowdesk.FlowdeskApplication;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Not a test: SLA timers at volume (issue 14, part 3: 100,000 open tickets with running SLA timers; lateness of timer
 * firing p99 ≤ 2 s; zero duplicate escalations or notifications). Opens a few real incident tickets (rules, process
 * started to "Resolve incident" with its resolution-due timer), clones their ticket rows and Camunda runtime rows by
 * SQL (executions, task, candidate link, variables, message subscriptions, the timer job) into N open tickets, then
 * makes a window of W of them due, spread evenly over the next seconds, and lets the shipped job executor fire them
 * (escalation: priority raised, tasks offered to the escalation group, notification). Lateness = the escalation's
 * audit time minus the timer's due time. Runs twice in one JVM: with a small backlog (the baseline) and with N open
 * tickets, so the ratio shows what the volume costs.
 * <pre>
 * mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.flowdesk.sla.SlaTimerBenchmark -Dexec.args="100000 3000 60"
 * </pre>
 * Arguments: open tickets (default 100,000), timers due in the window (default 3,000), window seconds (default 60).
 */
public final class SlaTimerBenchmark {

    private static final long CLONE_IDS = 50_000_000L;

    private SlaTimerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 3_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int baselineOpen = Math.min(open, Math.max(window * 2, 2_000));
        String url = EmbeddedPostgres.newDatabase();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlowdeskApplication.class)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres", "--flowdesk.demo.enabled=true", "--server.port=0",
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            List<Long> templates = openTemplates(app.getBean(TicketService.class), jdbc, 10);
            System.out.printf("%d template tickets waiting in 'Resolve incident' with their timer%n", templates.size());

            Result baseline = run(jdbc, templates, 1, baselineOpen, window, seconds);
            Result volume = run(jdbc, templates, baselineOpen + 1, open, window, seconds);

            System.out.printf("%nSLA timers (embedded PostgreSQL, shipped job executor settings), load average %s%n",
                    String.join(" ", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                            .split(" ", 4)).substring(0, 14));
            System.out.println("| figure | " + baselineOpen + " open tickets | " + open + " open tickets | ratio |");
            System.out.println("|---|---:|---:|---:|");
            row("timers due in the window", baseline.due, volume.due);
            row("fired (escalated)", baseline.fired, volume.fired);
            row("lateness p50 ms", baseline.p50, volume.p50);
            row("lateness p95 ms", baseline.p95, volume.p95);
            row("lateness p99 ms", baseline.p99, volume.p99);
            row("lateness max ms", baseline.max, volume.max);
            row("tickets escalated twice", baseline.duplicateEscalations, volume.duplicateEscalations);
            row("escalation notifications twice", baseline.duplicateNotifications, volume.duplicateNotifications);
            row("escalated before due / not due", baseline.early, volume.early);
            System.out.printf("%nload of %d tickets by SQL: %.1f s; job acquisition query at %d open tickets: %s%n",
                    open, volume.loadSeconds, open, volume.acquisitionPlan);
            System.out.printf("Goal (issue 14): lateness p99 <= 2000 ms at %d open tickets: %s; duplicates: %s%n",
                    open, volume.p99 <= 2000 ? "met" : "missed",
                    volume.duplicateEscalations + volume.duplicateNotifications == 0 ? "none" : "FOUND");
        }
        System.exit(0);
    }

    private static void row(String name, double a, double b) {
        System.out.printf("| %s | %.0f | %.0f | %s |%n", name, a, b, a == 0 ? "" : String.format("%.2f", b / a));
    }

    record Result(double due, double fired, double p50, double p95, double p99, double max,
                  double duplicateEscalations, double duplicateNotifications, double early, double loadSeconds,
                  String acquisitionPlan) {
    }

    /** Opens real incident tickets whose process waits in "Resolve incident" with its resolution-due timer. */
    private static List<Long> openTemplates(TicketService tickets, JdbcTemplate jdbc, int count) {
        CurrentUser bob = new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
                Set.of(Role.USER, Role.AGENT), null);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(tickets.openDirectly(new NewTicket("INCIDENT", "PHONE", "Outlook keeps asking for my password " + i,
                    "Benchmark template " + i, "alice", "LOW", "LOW", null, Map.of(), null), bob).ticketId());
        }
        Integer waiting = jdbc.queryForObject("SELECT count(*) FROM ticket t JOIN act_ru_job j"
                + " ON j.process_instance_id_ = t.process_instance_id WHERE t.id IN (" + join(ids) + ")"
                + " AND j.handler_cfg_ LIKE 'Timer_ResolutionDue%'", Integer.class);
        if (waiting == null || waiting != count) {
            throw new IllegalStateException("expected " + count + " resolution-due timers, found " + waiting);
        }
        return ids;
    }

    /**
     * Clones the templates into tickets {@code from..to} (1-based clone numbers); the first {@code window} of them get
     * due times spread over {@code seconds} from 15 s from now, the others are due in 30 days. Waits until the window
     * fired (or 5 minutes after its end) and measures.
     */
    private static Result run(JdbcTemplate jdbc, List<Long> templates, int from, int to, int window, int seconds)
            throws InterruptedException {
        long loadStart = System.nanoTime();
        jdbc.execute("DROP TABLE IF EXISTS bench_clone");
        jdbc.execute("CREATE TABLE bench_clone (g int PRIMARY KEY, tpl_ticket bigint, tpl_pid varchar(64),"
                + " new_id bigint, number varchar(20), due timestamp(6) with time zone)");
        jdbc.update("INSERT INTO bench_clone SELECT g, t.id, t.process_instance_id, ? + g, 'FD-' || (10000000 + g),"
                + " now() + interval '30 days' FROM generate_series(?, ?) g JOIN (SELECT id, process_instance_id,"
                + " row_number() OVER (ORDER BY id) - 1 AS k FROM ticket WHERE id IN (" + join(templates) + ")) t"
                + " ON t.k = g % ?", CLONE_IDS, from, to, templates.size());
        cloneTable(jdbc, "ticket", "s.id = m.tpl_ticket", Map.of("id", "m.new_id", "number", "m.number",
                "process_instance_id", "md5(s.process_instance_id || '-' || m.g)", "resolution_due", "m.due"));
        cloneTable(jdbc, "act_ru_execution", "s.proc_inst_id_ = m.tpl_pid",
                Map.of("business_key_", "m.new_id::text"));
        cloneTable(jdbc, "act_ru_task", "s.proc_inst_id_ = m.tpl_pid", Map.of());
        jdbc.update("INSERT INTO act_ru_identitylink (" + columns(jdbc, "act_ru_identitylink", null) + ") SELECT "
                + columns(jdbc, "act_ru_identitylink", Map.of()) + " FROM act_ru_identitylink s"
                + " JOIN act_ru_task t ON t.id_ = s.task_id_ JOIN bench_clone m ON t.proc_inst_id_ = m.tpl_pid");
        cloneTable(jdbc, "act_ru_variable", "s.proc_inst_id_ = m.tpl_pid", Map.of(
                "long_", "CASE s.name_ WHEN 'ticketId' THEN m.new_id"
                        + " WHEN 'resolutionDue' THEN (extract(epoch FROM m.due) * 1000)::bigint ELSE s.long_ END",
                "text_", "CASE s.name_ WHEN 'ticketNumber' THEN m.number ELSE s.text_ END"));
        cloneTable(jdbc, "act_ru_event_subscr", "s.proc_inst_id_ = m.tpl_pid", Map.of());
        cloneTable(jdbc, "act_ru_job", "s.process_instance_id_ = m.tpl_pid",
                Map.of("duedate_", "m.due", "lock_owner_", "NULL", "lock_exp_time_", "NULL"));
        jdbc.execute("ANALYZE");
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        // The window is set after the load, so that loading never eats into it: its due times move in the ticket,
        // the variable and the timer job alike (as the SLA clock moves them).
        Instant start = Instant.now().plusSeconds(10);
        String inWindow = " AND m.g < " + (from + window);
        jdbc.update("UPDATE bench_clone m SET due = ?::timestamptz + (g - ?) * (? * interval '1 millisecond')"
                + " WHERE true" + inWindow, Timestamp.from(start), from, seconds * 1000.0 / window);
        jdbc.update("UPDATE ticket t SET resolution_due = m.due FROM bench_clone m WHERE t.id = m.new_id" + inWindow);
        jdbc.update("UPDATE act_ru_variable v SET long_ = (extract(epoch FROM m.due) * 1000)::bigint FROM bench_clone m"
                + " WHERE v.proc_inst_id_ = md5(m.tpl_pid || '-' || m.g) AND v.name_ = 'resolutionDue'" + inWindow);
        jdbc.update("UPDATE act_ru_job j SET duedate_ = m.due FROM bench_clone m"
                + " WHERE j.process_instance_id_ = md5(m.tpl_pid || '-' || m.g)" + inWindow);
        Integer openTickets = jdbc.queryForObject("SELECT count(*) FROM act_ru_job WHERE handler_cfg_ LIKE"
                + " 'Timer_ResolutionDue%'", Integer.class);
        System.out.printf("%n%d open tickets with a running resolution-due timer (loaded in %.1f s);"
                + " %d due from %s over %d s%n", openTickets, loadSeconds, window, start, seconds);
        String plan = acquisitionPlan(jdbc);

        String windowIds = "SELECT new_id FROM bench_clone WHERE g < " + (from + window);
        long deadline = System.currentTimeMillis() + (start.toEpochMilli() - System.currentTimeMillis())
                + seconds * 1000L + 300_000;
        int fired = 0;
        while (System.currentTimeMillis() < deadline) {
            Integer n = jdbc.queryForObject("SELECT count(DISTINCT ticket_id) FROM audit_event WHERE type = 'ESCALATED'"
                    + " AND ticket_id IN (" + windowIds + ")", Integer.class);
            fired = n == null ? 0 : n;
            if (fired >= window) {
                break;
            }
            Thread.sleep(1000);
            System.out.printf("\r   %5d / %d fired", fired, window);
        }
        Thread.sleep(3000); // anything fired twice would show up by now
        Map<String, Object> lateness = jdbc.queryForMap("SELECT"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) p95,"
                + " percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) p99, max(ms) mx FROM ("
                + " SELECT extract(epoch FROM (min(a.at) - m.due)) * 1000 ms FROM bench_clone m"
                + " JOIN audit_event a ON a.ticket_id = m.new_id AND a.type = 'ESCALATED'"
                + " WHERE m.g < " + (from + window) + " GROUP BY m.g, m.due) x");
        Integer twice = jdbc.queryForObject("SELECT count(*) FROM (SELECT ticket_id FROM audit_event"
                + " WHERE type = 'ESCALATED' AND ticket_id >= " + CLONE_IDS + " GROUP BY ticket_id"
                + " HAVING count(*) > 1) x", Integer.class);
        Integer notifiedTwice = jdbc.queryForObject("SELECT count(*) FROM (SELECT ticket_id FROM audit_event"
                + " WHERE type = 'NOTIFICATION' AND after_json LIKE '%\"escalation\"%' AND ticket_id >= " + CLONE_IDS
                + " GROUP BY ticket_id HAVING count(*) > 1) x", Integer.class);
        Integer early = jdbc.queryForObject("SELECT count(*) FROM audit_event a JOIN bench_clone m"
                + " ON a.ticket_id = m.new_id WHERE a.type = 'ESCALATED' AND a.at < m.due", Integer.class);
        System.out.println();
        return new Result(window, fired, number(lateness.get("p50")), number(lateness.get("p95")),
                number(lateness.get("p99")), number(lateness.get("mx")), twice == null ? 0 : twice,
                notifiedTwice == null ? 0 : notifiedTwice, early == null ? 0 : early, loadSeconds, plan);
    }

    private static double number(Object value) {
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    /** The plan of the engine's job acquisition query (as the job executor runs it), summarised. */
    private static String acquisitionPlan(JdbcTemplate jdbc) {
        List<String> plan = jdbc.queryForList("EXPLAIN ANALYZE SELECT RES.ID_ FROM ACT_RU_JOB RES WHERE RES.RETRIES_ > 0"
                + " AND (RES.DUEDATE_ IS NULL OR RES.DUEDATE_ <= now()) AND (RES.LOCK_OWNER_ IS NULL"
                + " OR RES.LOCK_EXP_TIME_ < now()) AND RES.SUSPENSION_STATE_ = 1 ORDER BY RES.DUEDATE_ LIMIT 3",
                String.class);
        return plan.stream().map(String::strip).filter(l -> l.contains("Scan") || l.startsWith("Execution Time"))
                .collect(Collectors.joining("; "));
    }

    /**
     * INSERT ... SELECT of {@code table}'s template rows, some columns replaced; every id column becomes the MD5 of the
     * template's id and the clone number (unique, the same in every table, and short enough for Camunda's 64
     * characters, which activity-instance ids plus a suffix are not).
     */
    private static void cloneTable(JdbcTemplate jdbc, String table, String match, Map<String, String> replace) {
        jdbc.update("INSERT INTO " + table + " (" + columns(jdbc, table, null) + ") SELECT "
                + columns(jdbc, table, replace) + " FROM " + table + " s JOIN bench_clone m ON " + match);
    }

    private static final Set<String> ID_COLUMNS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "parent_id_",
            "super_exec_", "execution_id_", "task_id_", "process_instance_id_", "var_scope_", "act_inst_id_",
            "parent_act_inst_id_");

    /** The column list of a table; with {@code replace}, the select expressions of its clone. */
    private static String columns(JdbcTemplate jdbc, String table, Map<String, String> replace) {
        List<String> names = jdbc.queryForList("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'"
                + " ORDER BY ordinal_position",
                String.class, table);
        if (replace == null) {
            return String.join(", ", names);
        }
        return names.stream().map(c -> replace.containsKey(c) ? replace.get(c)
                : ID_COLUMNS.contains(c) && !table.equals("ticket") ? "md5(s." + c + " || '-' || m.g)" : "s." + c)
                .collect(Collectors.joining(", "));
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
