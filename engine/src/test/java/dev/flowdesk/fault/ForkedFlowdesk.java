package dev.flowdesk.fault;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Flowdesk node in a JVM of its own, started from the test's class path with the application's main class, so
 * that a test can do to it what an operating system or an orchestrator does: {@link #kill()} sends SIGKILL (no
 * shutdown hook, no transaction finished, no connection closed politely). Each start writes the node's output to its
 * own file ({@code <name>-<n>.log} in the log directory), never to the test's output; {@link #printLogs} shows their
 * ends when a test fails. Every node still alive when the test JVM exits is killed by a shutdown hook, so a failed or
 * interrupted build leaves no process behind.
 */
final class ForkedFlowdesk implements AutoCloseable {

    static final String MAIN_CLASS = "dev.flowdesk.FlowdeskApplication";
    /** What {@link Process#waitFor()} returns for a process ended by signal 9: 128 + SIGKILL. */
    static final int KILLED_BY_SIGKILL = 128 + 9;

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "forked-flowdesk-reaper"));
    }

    private final String name;
    private final Path logDirectory;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    ForkedFlowdesk(String name, Path logDirectory) {
        this.name = name;
        this.logDirectory = logDirectory;
        this.port = freePort();
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the node with these properties ({@code --key=value}) and waits until its health says UP. */
    void start(Map<String, String> properties, Duration timeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + "-" + (logs.size() + 1) + ".log");
            logs.add(log);
            List<String> arguments = new ArrayList<>(List.of("-cp", applicationClassPath(),
                    // A small node: the machine runs the tests, PostgreSQL, GreenMail and this JVM side by side.
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    MAIN_CLASS, "--server.port=" + port));
            new LinkedHashMap<>(properties).forEach((key, value) -> arguments.add("--" + key + "=" + value));
            // An argument file, because the class path is longer than some systems accept on a command line.
            Path argumentFile = logDirectory.resolve(name + "-" + logs.size() + ".args");
            Files.write(argumentFile, arguments.stream().map(ForkedFlowdesk::quoted).toList(), StandardCharsets.UTF_8);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "@" + argumentFile).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            RUNNING.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitHealth(200, timeout);
    }

    /** SIGKILL, as {@code kill -9}; fails unless the process really ended by that signal. */
    void kill() throws InterruptedException {
        Process dying = process;
        dying.destroyForcibly(); // SIGKILL on Linux and macOS
        int exit = dying.waitFor();
        RUNNING.remove(dying);
        if (exit != KILLED_BY_SIGKILL) {
            throw new AssertionError(name + " (pid " + dying.pid() + ") ended with " + exit
                    + ", not by SIGKILL (" + KILLED_BY_SIGKILL + ")");
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The health endpoint as a client sees it: status code and body, or -1 when nothing answers within 10 s. */
    record Health(int status, String body) {
        boolean up() {
            return status == 200 && body.contains("\"UP\"");
        }

        boolean down() {
            return status == 503 && body.contains("\"DOWN\"");
        }
    }

    Health health() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Health(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Health(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(-1, e.toString());
        }
    }

    /** Waits until the health endpoint answers with this status (200 UP, 503 DOWN); fails with the log otherwise. */
    Health awaitHealth(int status, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        Health last = null;
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while waiting for health "
                        + status + "; see " + logs.get(logs.size() - 1));
            }
            last = health();
            if (last.status() == status) {
                return last;
            }
            sleep(250);
        }
        throw new AssertionError(name + " health did not become " + status + " within " + timeout + " (last: "
                + last + "); see " + logs.get(logs.size() - 1));
    }

    /** The end of every log this node wrote, for a failing test's report. */
    void printLogs(PrintStream out, int lines) {
        for (Path log : logs) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.println("----- " + log + " (last " + Math.min(lines, all.size()) + " of " + all.size()
                        + " lines) -----");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
            } catch (IOException e) {
                out.println("----- " + log + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process != null) {
            RUNNING.remove(process);
        }
    }

    /**
     * The test JVM's class path without the tests' own classes and resources: the node runs the application as it
     * ships (its jars and {@code target/classes}), with none of the test configuration.
     */
    static String applicationClassPath() {
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path")
                .split(File.pathSeparator)).filter(entry -> !entry.endsWith("test-classes")).toList());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String argument) {
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
