import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP benchmark's load generator and report writer (issue 14), one file with no dependencies so that
 * {@code engine/bench/run.sh} compiles it with the JDK alone.
 *
 * <pre>
 * java Bench load --name NAME --conns N --warmup S --seconds S --url URL [--method POST] [--body JSON] [--user u:p]
 *                 [--session LOGIN_BASE] [--kind request|claim-complete]
 * java Bench report RESULTS_TSV META_PROPERTIES MARKDOWN SVG
 * </pre>
 *
 * <p>{@code load} is a closed loop: N workers, each with its own HTTP/1.1 client (so N connections), send one
 * operation after the other for warm-up + measurement seconds; the operations that start inside the measurement
 * window count, with their whole latency (a worker finishes the operation it started before it stops, so slow
 * operations are not cut off at the deadline). It prints one tab-separated line: name, connections, seconds, operations, operations per
 * second, p50 ms, p99 ms, errors, conflicts (409 answers, counted apart from errors: claim races are expected).
 * {@code {n}} in the body becomes a number unique in the run.
 */
public class Bench {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: Bench load ... | Bench report ...");
        }
        switch (args[0]) {
            case "load" -> Load.run(options(Arrays.copyOfRange(args, 1, args.length)));
            case "report" -> Report.run(Arrays.copyOfRange(args, 1, args.length));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            String key = args[i].substring(2);
            boolean flag = i + 1 == args.length || args[i + 1].startsWith("--");
            options.put(key, flag ? "true" : args[++i]);
        }
        return options;
    }

    /** The closed-loop load generator. */
    static final class Load {
        private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
        private static final Pattern TASK = Pattern.compile(
                "\\{\"id\":\"([^\"]+)\",\"name\":\"(?:[^\"\\\\]|\\\\.)*\",\"taskDefinitionKey\":\"[^\"]*\","
                        + "\"assignee\":null,[^{}]*?\"formKey\":\"(?:formio:)?([a-z-]+)\"");
        /** The data each shipped task form of the incident flow needs (its required fields). */
        private static final Map<String, String> TASK_DATA = Map.of(
                "dispatch-ticket", "{\"data\":{\"queue\":\"service-desk\"}}",
                "resolve-incident", "{\"data\":{\"resolution\":\"Cleared by the benchmark\"}}");

        private final Map<String, String> o;
        private final String url;
        private final String method;
        private final String body;
        private final String authorization;
        private final long warmupEnd;
        private final long deadline;
        private final AtomicLong errors = new AtomicLong();
        private final AtomicLong conflicts = new AtomicLong();
        private final AtomicLong errorsPrinted = new AtomicLong();

        private Load(Map<String, String> options, long warmupEnd, long deadline) {
            this.o = options;
            this.url = required(options, "url");
            this.method = options.getOrDefault("method", "GET");
            this.body = options.get("body");
            String user = options.get("user");
            this.authorization = user == null ? null
                    : "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
            this.warmupEnd = warmupEnd;
            this.deadline = deadline;
        }

        static void run(Map<String, String> options) throws Exception {
            int conns = Integer.parseInt(options.getOrDefault("conns", "4"));
            double warmup = Double.parseDouble(options.getOrDefault("warmup", "5"));
            double seconds = Double.parseDouble(options.getOrDefault("seconds", "15"));
            long start = System.nanoTime() + 1_000_000_000L; // clients log in during this second
            Load load = new Load(options, start + (long) (warmup * 1e9), start + (long) ((warmup + seconds) * 1e9));
            // --rate R: open loop, R operations per second in all (each worker starts one every conns/R seconds, on
            // schedule, and its latency counts from the scheduled start, so a slow server cannot hide its queueing);
            // without it, closed loop (each worker starts the next operation when the last one ends).
            double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
            long interval = rate > 0 ? (long) (1e9 * conns / rate) : 0;
            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                workers.add(load.new Worker(interval, start + (interval * i) / conns));
            }
            for (Worker w : workers) {
                w.login();
            }
            workers.forEach(Thread::start);
            for (Worker w : workers) {
                w.join();
            }
            long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.count)).sorted().toArray();
            System.out.printf(Locale.ROOT, "%s\t%d\t%.0f\t%d\t%.1f\t%.1f\t%.1f\t%d\t%d%n", options.get("name"), conns,
                    seconds, all.length, all.length / seconds, percentile(all, 0.50) / 1e6,
                    percentile(all, 0.99) / 1e6, load.errors.get(), load.conflicts.get());
        }

        static long percentile(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        static String required(Map<String, String> options, String key) {
            String value = options.get(key);
            if (value == null) {
                throw new IllegalArgumentException("--" + key + " is required");
            }
            return value;
        }

        /** Counts an error of an operation in the measurement window; prints the first few of the whole run. */
        void error(String what, boolean measuring) {
            if (measuring) {
                errors.incrementAndGet();
            }
            if (errorsPrinted.incrementAndGet() <= 5) {
                System.err.println("[" + o.get("name") + "] " + what);
            }
        }

        final class Worker extends Thread {
            private final CookieManager cookies = new CookieManager();
            private final HttpClient client;
            private long[] latencies = new long[4096];
            private int count;
            private boolean measuring;
            private final long interval;
            private long next;

            Worker(long interval, long first) {
                this.interval = interval;
                this.next = first;
                HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10));
                if (o.containsKey("session")) {
                    builder.cookieHandler(cookies);
                }
                client = builder.build();
                setDaemon(true);
            }

            /** Form login (session scenarios): the login page sets the XSRF-TOKEN cookie, POST /login the session. */
            void login() throws IOException, InterruptedException {
                if (!o.containsKey("session")) {
                    return;
                }
                String base = o.get("session");
                client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                String csrf = cookie("XSRF-TOKEN");
                String[] user = required(o, "login").split(":", 2);
                String form = "username=" + URLEncoder.encode(user[0], StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(user[1], StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(csrf == null ? "" : csrf, StandardCharsets.UTF_8);
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
                if (cookie("JSESSIONID") == null || response.headers().firstValue("Location").orElse("").contains("error")) {
                    throw new IllegalStateException("form login failed: HTTP " + response.statusCode() + " "
                            + response.headers().map());
                }
            }

            private String cookie(String name) {
                return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                        .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
            }

            @Override
            public void run() {
                while (true) {
                    long begin = System.nanoTime();
                    if (interval > 0) {
                        if (next > begin) {
                            try {
                                Thread.sleep((next - begin) / 1_000_000, (int) ((next - begin) % 1_000_000));
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                        begin = next;
                        next += interval;
                    }
                    if (begin >= deadline) {
                        return; // the operation in flight at the deadline was counted: it started inside the window
                    }
                    measuring = begin >= warmupEnd;
                    boolean ok;
                    try {
                        ok = "claim-complete".equals(o.get("kind")) ? claimAndComplete() : request();
                    } catch (IOException | RuntimeException e) {
                        error(e.toString(), measuring);
                        ok = false;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long end = System.nanoTime();
                    if (ok && measuring) {
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = end - begin;
                    }
                }
            }

            private boolean request() throws IOException, InterruptedException {
                String payload = body == null ? null : body.replace("{n}", Long.toString(SEQUENCE.incrementAndGet()));
                return ok(send(method, url, payload), 200, 299);
            }

            /** bob: the unassigned inbox, a random task of the incident flow, claim, complete with its form's data. */
            private boolean claimAndComplete() throws IOException, InterruptedException {
                HttpResponse<String> inbox = send("GET", url + "?filter=unassigned&size=50", null);
                if (!ok(inbox, 200, 200)) {
                    return false;
                }
                List<String[]> tasks = new ArrayList<>();
                Matcher m = TASK.matcher(inbox.body());
                while (m.find()) {
                    if (TASK_DATA.containsKey(m.group(2))) {
                        tasks.add(new String[] {m.group(1), m.group(2)});
                    }
                }
                if (tasks.isEmpty()) {
                    error("no unassigned task of the incident flow left in bob's inbox", measuring);
                    Thread.sleep(100);
                    return false;
                }
                String[] task = tasks.get(ThreadLocalRandom.current().nextInt(tasks.size()));
                String base = url + "/" + task[0];
                return ok(send("POST", base + "/claim", null), 200, 299)
                        && ok(send("POST", base + "/complete", TASK_DATA.get(task[1])), 200, 299);
            }

            private HttpResponse<String> send(String method, String target, String payload)
                    throws IOException, InterruptedException {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                        .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                if (o.containsKey("session") && !"GET".equals(method)) {
                    request.header("X-XSRF-TOKEN", String.valueOf(cookie("XSRF-TOKEN")));
                }
                if (payload != null) {
                    request.header("Content-Type", "application/json");
                }
                request.method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload));
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }

            private boolean ok(HttpResponse<String> response, int from, int to) {
                int status = response.statusCode();
                if (status >= from && status <= to) {
                    return true;
                }
                if (status == 409) {
                    if (measuring) {
                        conflicts.incrementAndGet();
                    }
                } else {
                    String text = response.body();
                    error(response.request().method() + " " + response.uri() + " -> " + status + " "
                            + (text.length() > 300 ? text.substring(0, 300) : text), measuring);
                }
                return false;
            }
        }
    }

    /** Prints the table, computes the ratios, writes the SVG chart and the section of docs/benchmarks.md. */
    static final class Report {
        static final String HEADING = "## Over HTTP on PostgreSQL (issue 14)";

        record Row(String name, int conns, double seconds, long ops, double perSecond, double p50, double p99,
                   long errors, long conflicts) {
        }

        static void run(String[] args) throws IOException {
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(args[0]))) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]), Long.parseLong(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        Long.parseLong(f[7]), Long.parseLong(f[8])));
            }
            Map<String, String> meta = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    meta.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            String table = table(rows);
            String ratios = ratios(rows) + "\n" + goals(rows);
            System.out.println();
            System.out.println(table);
            System.out.println(ratios);
            Path svg = Path.of(args[3]);
            Files.writeString(svg, svg(rows, meta));
            writeMarkdown(Path.of(args[2]), section(table, ratios, meta, svg.getFileName().toString()));
        }

        static String table(List<Row> rows) {
            StringBuilder t = new StringBuilder();
            t.append("| scenario | conns | ops/s | p50 ms | p99 ms | errors | 409 | ops |\n");
            t.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows) {
                t.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d | %d | %d |%n", r.name(),
                        r.conns(), r.perSecond(), r.p50(), r.p99(), r.errors(), r.conflicts(), r.ops()));
            }
            return t.toString();
        }

        static Double rate(List<Row> rows, String name, int conns) {
            return rows.stream().filter(r -> r.name().equals(name) && r.conns() == conns).map(Row::perSecond)
                    .findFirst().orElse(null);
        }

        static String ratios(List<Row> rows) {
            String[][] pairs = {
                {"ticket via form / bare Camunda start", "form-submission", "bare-camunda-start"},
                {"ticket via POST /api/tickets / bare Camunda start", "api-tickets", "bare-camunda-start"},
                {"Flowdesk /engine-rest start / bare Camunda start", "flowdesk-engine-rest-start", "bare-camunda-start"},
                {"ticket via form / pgbench tpcb", "form-submission", "pgbench-tpcb"},
                {"ticket via form: history audit / full", "form-submission (history audit)", "form-submission"},
                {"/engine-rest start: history audit / full", "flowdesk-engine-rest-start (history audit)",
                        "flowdesk-engine-rest-start"},
                {"ticket via form: synchronous_commit off / on", "form-submission (synchronous_commit off)",
                        "form-submission"},
                {"bare Camunda start: synchronous_commit off / on", "bare-camunda-start (synchronous_commit off)",
                        "bare-camunda-start"},
                {"pgbench tpcb: synchronous_commit off / on", "pgbench-tpcb (synchronous_commit off)", "pgbench-tpcb"},
                {"GET /api/me: session cookie / HTTP Basic", "me (session cookie)", "me (HTTP Basic)"},
            };
            StringBuilder t = new StringBuilder("| ratio of throughputs | 4 conns | 16 conns |\n|---|---:|---:|\n");
            for (String[] pair : pairs) {
                t.append("| ").append(pair[0]);
                boolean any = false;
                for (int conns : new int[] {4, 16}) {
                    Double a = rate(rows, pair[1], conns);
                    Double b = rate(rows, pair[2], conns);
                    a = a == null || a == 0 ? null : a; // no operation finished inside the window: no figure
                    any |= a != null && b != null;
                    t.append(" | ").append(a == null || b == null || b == 0 ? "–"
                            : String.format(Locale.ROOT, "%.2f", a / b));
                }
                t.append(" |\n");
                if (!any) {
                    t.setLength(t.lastIndexOf("| " + pair[0]));
                }
            }
            return t.toString();
        }

        /** Issue 14's goals, each with the figure of this run. */
        static String goals(List<Row> rows) {
            StringBuilder t = new StringBuilder("| goal (issue 14) | this run | |\n|---|---:|---|\n");
            for (int conns : new int[] {4, 16}) {
                Double ticket = rate(rows, "form-submission (history audit)", conns);
                Double bare = rate(rows, "bare-camunda-start", conns);
                if (ticket != null && bare != null && bare > 0) {
                    t.append(String.format(Locale.ROOT, "| ticket via form (shipped history level) >= 1.0 x bare Camunda"
                            + " start, %d conns | %.2f | %s |%n", conns, ticket / bare, ticket / bare >= 1 ? "met" : "missed"));
                }
            }
            rows.stream().filter(r -> r.name().endsWith("at half peak, open loop")).findFirst().ifPresent(r -> t.append(
                    String.format(Locale.ROOT, "| p99 <= 50 ms at half the peak rate (%.1f tickets/s, open loop) | %.1f ms"
                            + " | %s |%n", r.perSecond(), r.p99(), r.p99() <= 50 ? "met" : "missed")));
            rows.stream().filter(r -> r.name().startsWith("inbox")).max(java.util.Comparator.comparingInt(Row::conns))
                    .ifPresent(r -> t.append(String.format(Locale.ROOT, "| inbox p99 (this run's inbox; p95 goal 50 ms)"
                            + " at %d conns | %.1f ms | see \"Inbox at 100,000 open tickets\" |%n", r.conns(), r.p99())));
            return t.toString();
        }

        static String section(String table, String ratios, Map<String, String> meta, String svgName) {
            return HEADING + "\n\n" + """
                    ```bash
                    bash engine/bench/run.sh   # builds what it needs; about 13 minutes on 2 idle cores, 20 on a busy one; settings at the top of the script
                    ```

                    One command starts a PostgreSQL of its own (Debian's server, installed by the script when missing),
                    the bare Camunda baseline (`engine/bench/bare-camunda`: the REST starter only, history `audit`, no
                    authentication, a one-user-task process), then Flowdesk (`engine/target/flowdesk.jar`, demo profile,
                    history pinned to `full`) and a second Flowdesk on its own database with history `audit` (what a new
                    installation gets), and
                    drives each with `engine/bench/Bench.java`: a closed-loop HTTP/1.1 load generator (one connection
                    per worker; every operation that starts after the warm-up and before the end counts, with its
                    whole latency); the "half peak" run is open loop instead (requests start on a fixed schedule at
                    half the best closed-loop rate of the audit instance, latency counted from the scheduled start). Each
                    freshly started application first gets 20 s of unmeasured load (JIT), each run 5 s of warm-up. The
                    load generator runs on the same machine and takes its share of the CPU. pgbench runs TPC-B-like
                    (scale 16) on the same server. `synchronous_commit off` is `ALTER SYSTEM` + reload on the running
                    server.

                    - form ticket: `POST /api/forms/report-incident/submissions` as alice (HTTP Basic), impact and
                      urgency MEDIUM, a password subject (the rules route it to bob's queue `service-desk`);
                    - API ticket: `POST /api/tickets` as bob;
                    - claim + complete: bob's unassigned inbox (`GET /api/tasks?filter=unassigned`), a random task of
                      the incident flow, `POST .../claim`, `POST .../complete` with the data its form requires: three
                      requests, one operation; "409" counts claim races, apart from errors;
                    - bare / Flowdesk `/engine-rest` start: `POST /engine-rest/process-definition/key/bench-one-task/start`
                      (Flowdesk: as admin, HTTP Basic);
                    - `GET /api/me` as bob, with HTTP Basic on every request or with the session cookie of a form login;
                    - inbox: `GET /api/tasks` (first page of 50 with the total) as bob, after the ticket runs above.

                    """ + String.format(Locale.ROOT, """
                    Run of %s on commit `%s`: %s, %s CPUs (%s), %s RAM, %s; load average before: %s, after: %s.
                    %s

                    """, meta.get("date"), meta.get("commit"), meta.get("os"), meta.get("nproc"), meta.get("cpu"),
                    meta.get("ram"), meta.get("java"), meta.get("load_before"), meta.get("load_after"),
                    meta.getOrDefault("notes", ""))
                    + table + "\n" + ratios + "\n![throughput per scenario](" + svgName + ")\n";
        }

        static void writeMarkdown(Path file, String section) throws IOException {
            String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
            int start = text.indexOf(HEADING);
            if (start < 0) {
                text = text.stripTrailing() + "\n\n" + section;
            } else {
                int next = text.indexOf("\n## ", start + HEADING.length());
                text = text.substring(0, start) + section + (next < 0 ? "" : "\n" + text.substring(next + 1));
            }
            Files.writeString(file, text.stripTrailing() + "\n");
        }

        /** A horizontal bar chart: one bar per scenario and connection count, operations per second. */
        static String svg(List<Row> rows, Map<String, String> meta) {
            int labelWidth = 330;
            int barMax = 460;
            int rowHeight = 20;
            int top = 40;
            double max = rows.stream().mapToDouble(Row::perSecond).max().orElse(1);
            // pgbench is an order of magnitude above the rest; clip it so the HTTP scenarios stay readable.
            double httpMax = rows.stream().filter(r -> !r.name().startsWith("pgbench")).mapToDouble(Row::perSecond)
                    .max().orElse(max);
            double scale = Math.max(httpMax * 1.15, 1);
            int height = top + rows.size() * rowHeight + 30;
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                    + "font-family=\"sans-serif\" font-size=\"12\">%n", labelWidth + barMax + 90, height));
            s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">"
                    + "Operations per second over HTTP (%s, %s CPUs, commit %s)</text>%n", esc(meta.get("date")),
                    esc(meta.get("nproc")), esc(meta.get("commit"))));
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                int y = top + i * rowHeight;
                double width = Math.min(r.perSecond(), scale) / scale * barMax;
                boolean clipped = r.perSecond() > scale;
                String colour = r.name().startsWith("bare") || r.name().startsWith("pgbench") ? "#999999"
                        : r.conns() == 4 ? "#7aa6d6" : "#2f6db5";
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s, %d conns</text>%n",
                        labelWidth - 8, y + 14, esc(r.name()), r.conns()));
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        labelWidth, y + 3, Math.max(width, 1), rowHeight - 6, colour));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.0f%s</text>%n",
                        labelWidth + Math.max(width, 1) + 5, y + 14, r.perSecond(), clipped ? " (bar clipped)" : ""));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\">grey: baselines (bare Camunda, "
                    + "pgbench); light blue: 4 connections; dark blue: 16 connections</text>%n", height - 10));
            s.append("</svg>\n");
            return s.toString();
        }

        static String esc(String text) {
            return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
