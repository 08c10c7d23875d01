package dev.flowdesk.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.StatelessKieSession;

/**
 * Measures the shipped rule base on this machine: build time, hot-swap time, decisions per second over two threads
 * and p50/p99 latency, next to a bare one-rule Drools stateless call measured in the same run, so the figures can be
 * judged against what Drools itself costs here. Not a test (surefire skips *Benchmark); run it with
 * {@code mvn -q -pl rules test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.flowdesk.rules.RuleBaseBenchmark}. Arguments (optional): measured seconds per figure
 * (default 10) and threads (default 2).
 */
public final class RuleBaseBenchmark {

    private static final String BARE_RULE = """
            package bench;
            import dev.flowdesk.rules.TicketFacts;
            import dev.flowdesk.rules.Level;
            rule "High impact tickets are noticed"
            when
                TicketFacts( impact == Level.HIGH )
            then
            end
            """;

    private RuleBaseBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        System.out.printf(Locale.ROOT, "Flowdesk rule-base benchmark: %d thread(s), %d s measured per figure after"
                + " %d s warm-up, %d cores available, Java %s%n", threads, seconds, warmupSeconds(seconds),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        long start = System.nanoTime();
        RuleBase shipped = RuleSetCompiler.shipped();
        double coldBuildMs = millisSince(start);
        double[] warmBuilds = new double[5];
        for (int i = 0; i < warmBuilds.length; i++) {
            start = System.nanoTime();
            RuleSetCompiler.shipped();
            warmBuilds[i] = millisSince(start);
        }
        System.out.printf(Locale.ROOT, "build (compile 4 rule sets + validate on %d sample tickets): first %.0f ms,"
                + " then median %.0f ms of 5%n", SampleTickets.all().size(), coldBuildMs, median(warmBuilds));

        AtomicReference<RuleBase> active = new AtomicReference<>(shipped);
        Map<String, String> changed = new HashMap<>(RuleSetCompiler.shippedSources());
        changed.put("routing", changed.get("routing").replace("setQueue(\"network\")", "setQueue(\"network-ops\")"));
        double[] swaps = new double[5];
        for (int i = 0; i < swaps.length; i++) {
            start = System.nanoTime();
            active.set(RuleSetCompiler.compile(i % 2 == 0 ? changed : RuleSetCompiler.shippedSources()));
            swaps[i] = millisSince(start);
        }
        System.out.printf(Locale.ROOT, "hot swap (compile a changed routing rule set + validate + swap the reference):"
                + " median %.0f ms, max %.0f ms of 5%n", median(swaps), Arrays.stream(swaps).max().orElse(0));

        List<TicketFacts> tickets = benchmarkTickets();
        RuleBase ruleBase = RuleSetCompiler.shipped();
        Result full = measure("shipped rule base, RuleBase.decide", ruleBase::decide, tickets, threads, seconds);

        StatelessKieSession bare = bareOneRuleSession();
        Result baseline = measure("bare one-rule Drools stateless call", facts -> {
            bare.execute(facts);
            return facts;
        }, tickets, threads, seconds);

        System.out.printf(Locale.ROOT, "ratios shipped/bare: throughput %.3f, p50 %.1fx, p99 %.1fx, CPU per call %.1fx%n",
                full.perSecond / baseline.perSecond, full.p50Micros / baseline.p50Micros,
                full.p99Micros / baseline.p99Micros, full.cpuMicrosPerCall / baseline.cpuMicrosPerCall);
        System.out.printf(Locale.ROOT, "machine load average while measuring: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "targets (issue 3): >= 50,000 decisions/s over 2 cores: %s; p99 <= 1 ms: %s;"
                + " hot swap <= 2 s: %s%n", full.perSecond >= 50_000 ? "met" : "NOT met",
                full.p99Micros <= 1000 ? "met" : "NOT met", median(swaps) <= 2000 ? "met" : "NOT met");
    }

    /** Wall-clock throughput and latency, and CPU time per call, which other load on the machine barely moves. */
    private record Result(double perSecond, double p50Micros, double p99Micros, double cpuMicrosPerCall) {
    }

    private static Result measure(String label, Function<TicketFacts, Object> call, List<TicketFacts> tickets,
                                  int threads, int seconds) throws InterruptedException {
        run(call, tickets, threads, warmupSeconds(seconds) * 1_000_000_000L, false);
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        long[] cpuNanos = new long[threads];
        long elapsed = run(call, tickets, threads, seconds * 1_000_000_000L, true, latencies, counts, cpuNanos);
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            int n = Math.min(counts[t], latencies[t].length);
            System.arraycopy(latencies[t], 0, all, at, Math.min(n, all.length - at));
            at += n;
        }
        long[] recorded = Arrays.copyOf(all, at);
        Arrays.sort(recorded);
        Result result = new Result(total / (elapsed / 1e9), percentile(recorded, 0.50) / 1e3,
                percentile(recorded, 0.99) / 1e3, Arrays.stream(cpuNanos).sum() / 1e3 / total);
        System.out.printf(Locale.ROOT, "%-38s %,9.0f calls/s  p50 %6.1f us  p99 %6.1f us  CPU %5.1f us/call"
                + " (= %,.0f calls/s on 2 idle cores)  %,d calls%n", label + ":", result.perSecond, result.p50Micros,
                result.p99Micros, result.cpuMicrosPerCall, 2e6 / result.cpuMicrosPerCall, total);
        return result;
    }

    private static long run(Function<TicketFacts, Object> call, List<TicketFacts> tickets, int threads,
                            long durationNanos, boolean record) throws InterruptedException {
        return run(call, tickets, threads, durationNanos, record, new long[threads][], new int[threads],
                new long[threads]);
    }

    private static long run(Function<TicketFacts, Object> call, List<TicketFacts> tickets, int threads,
                            long durationNanos, boolean record, long[][] latencies, int[] counts, long[] cpuNanos)
            throws InterruptedException {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] sink = new long[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            latencies[id] = new long[record ? 4_000_000 : 0];
            Thread worker = new Thread(() -> {
                ready.countDown();
                await(go);
                long cpuStart = cpu.getCurrentThreadCpuTime();
                long end = System.nanoTime() + durationNanos;
                int i = id;
                int n = 0;
                long hash = 0;
                long now = System.nanoTime();
                while (now < end) {
                    Object out = call.apply(tickets.get(i++ % tickets.size()));
                    long after = System.nanoTime();
                    if (record && n < latencies[id].length) {
                        latencies[id][n] = after - now;
                    }
                    n++;
                    hash += out.hashCode();
                    now = after;
                }
                cpuNanos[id] = cpu.getCurrentThreadCpuTime() - cpuStart;
                counts[id] = n;
                sink[id] = hash;
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - start;
        if (Arrays.stream(sink).sum() == 42) {
            System.out.print("");
        }
        return elapsed;
    }

    /** A realistic mix: every matrix cell, each keyword family, VIPs, critical CIs, tenants, tiers and floors. */
    private static List<TicketFacts> benchmarkTickets() {
        String[] subjects = {"Drucker im 2. OG druckt nur leere Seiten", "Printer jammed again",
            "Passwort abgelaufen", "Password reset please", "VPN trennt sich ständig", "E-Mail kommt nicht an",
            "Outlook crashes on start", "Netzwerk sehr langsam", "No wifi in meeting room", "Laptop startet nicht",
            "Second monitor flickers", "Bitte Software installieren", "License expired for Visio",
            "Zugriff auf Laufwerk S:", "Need access to the finance share", "Allgemeine Frage"};
        List<TicketFacts> tickets = new ArrayList<>();
        int n = 0;
        for (Level impact : Level.values()) {
            for (Level urgency : Level.values()) {
                for (String subject : subjects) {
                    Tickets ticket = Tickets.ticket().impact(impact).urgency(urgency).subject(subject)
                            .description("Seit heute morgen. Since this morning; colleagues have the same issue.");
                    switch (n++ % 6) {
                        case 0 -> ticket.vip().tier("GOLD");
                        case 1 -> ticket.ci("BUSINESS_CRITICAL").type("CHANGE");
                        case 2 -> ticket.tenant("acme");
                        case 3 -> ticket.from("eve@partner.example").type("SERVICE_REQUEST").floor(Priority.P3);
                        case 4 -> ticket.categoryHint("hardware");
                        default -> { }
                    }
                    tickets.add(ticket.build());
                }
            }
        }
        return tickets;
    }

    private static StatelessKieSession bareOneRuleSession() {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("bench", "bare", "1.0.0");
        KieFileSystem files = ks.newKieFileSystem();
        files.generateAndWritePomXML(releaseId);
        files.write("src/main/resources/bench/bare.drl", BARE_RULE);
        KieBuilder builder = ks.newKieBuilder(files, RuleBaseBenchmark.class.getClassLoader()).buildAll();
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException(builder.getResults().getMessages().toString());
        }
        KieBase kieBase = ks.newKieContainer(releaseId, RuleBaseBenchmark.class.getClassLoader()).getKieBase();
        return kieBase.newStatelessKieSession();
    }

    private static int warmupSeconds(int seconds) {
        return Math.max(3, seconds / 2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
