package dev.flowdesk;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Not a test: what opening one ticket costs end to end (rules decision, ticket row, audit events, process start to
 * the first user task with its candidate group and pinned form version, one transaction) on a real PostgreSQL,
 * next to the baseline measured in the same run: a bare Camunda start of a one-user-task process in a transaction.
 * <pre>
 * mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.flowdesk.TicketThroughputBenchmark -Dexec.args="SECONDS THREADS"
 * </pre>
 * (build the other modules first: {@code mvn -q install -DskipTests}).
 */
public final class TicketThroughputBenchmark {

    private TicketThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String url = EmbeddedPostgres.newDatabase();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlowdeskApplication.class)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres", "--flowdesk.demo.enabled=true", "--server.port=0",
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            TicketService tickets = app.getBean(TicketService.class);
            RuntimeService runtime = app.getBean(RuntimeService.class);
            TransactionTemplate tx = app.getBean(TransactionTemplate.class);
            app.getBean(RepositoryService.class).createDeployment().addModelInstance("baseline.bpmn",
                    Bpmn.createExecutableProcess("baseline").camundaHistoryTimeToLive(1).startEvent()
                            .userTask("Task_Work").name("Work").camundaCandidateGroups("service-desk").endEvent()
                            .done()).deploy();
            CurrentUser bob = new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
                    Set.of(Role.USER, Role.AGENT), null);
            String[] subjects = {"Printer on floor 3 is jammed", "Passwort abgelaufen", "VPN drops every hour",
                    "Outlook crashes on start", "Need access to the finance share", "Laptop screen flickers"};
            String[] levels = {"LOW", "MEDIUM", "HIGH"};

            IntConsumer openTicket = i -> tickets.open(new NewTicket("INCIDENT", "API", subjects[i % subjects.length],
                    "benchmark", "bob", levels[i % 3], levels[(i / 3) % 3], null, Map.of(), null), bob);
            IntConsumer bareStart = i -> tx.executeWithoutResult(s -> runtime.startProcessInstanceByKey("baseline",
                    String.valueOf(i), Map.of("ticketId", -1L)));

            IntConsumer bareIncident = i -> tx.executeWithoutResult(s -> runtime.startProcessInstanceByKey("incident",
                    String.valueOf(i), Map.of("ticketId", -1L, "queue", "service-desk", "priority", "P3",
                            "resolutionDue", new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                            "firstResponseDue", new java.util.Date(System.currentTimeMillis() + 3_600_000L))));

            System.out.printf("Flowdesk ticket throughput, PostgreSQL (embedded), %d thread(s), %d s per figure%n",
                    threads, seconds);
            Result bare = measure("bare Camunda start (1 user task)", bareStart, seconds, threads);
            Result model = measure("bare Camunda start of the shipped incident model", bareIncident, seconds, threads);
            Result open = measure("Flowdesk open ticket (rules+row+audit+process)", openTicket, seconds, threads);
            System.out.printf("ratio to the one-task start: throughput %.2f, p50 %.2fx, p99 %.2fx%n",
                    open.perSecond / bare.perSecond, open.p50 / bare.p50, open.p99 / bare.p99);
            System.out.printf("ratio to the incident model alone: throughput %.2f, p50 %.2fx, p99 %.2fx%n",
                    open.perSecond / model.perSecond, open.p50 / model.p50, open.p99 / model.p99);
            System.out.printf("machine load average: %.2f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    record Result(double perSecond, double p50, double p99) {
    }

    private static Result measure(String name, IntConsumer action, int seconds, int threads) throws Exception {
        run(action, Math.max(2, seconds / 2), threads); // warm-up
        long[][] latencies = run(action, seconds, threads);
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        double perSecond = all.length / (double) seconds;
        double p50 = all[all.length / 2] / 1e6;
        double p99 = all[(int) (all.length * 0.99)] / 1e6;
        System.out.printf("%-48s %8.0f /s   p50 %6.2f ms   p99 %6.2f ms   (%d calls)%n", name, perSecond, p50, p99,
                all.length);
        return new Result(perSecond, p50, p99);
    }

    private static long[][] run(IntConsumer action, int seconds, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 1_000_000;
            futures.add(pool.submit(() -> {
                long[] samples = new long[1 << 16];
                int n = 0;
                for (int i = 0; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    action.accept(offset + i);
                    if (n < samples.length) {
                        samples[n++] = System.nanoTime() - start;
                    }
                }
                return Arrays.copyOf(samples, n);
            }));
        }
        long[][] result = new long[threads][];
        for (int t = 0; t < threads; t++) {
            result[t] = futures.get(t).get();
        }
        pool.shutdown();
        return result;
    }
}
