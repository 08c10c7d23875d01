package dev.flowdesk.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client threads that open tickets through {@code POST /api/tickets} (as the agent bob, HTTP Basic) one after the
 * other, each with a subject of its own, and record what every request came back with: the ticket number of a 201,
 * the status and content type of anything else, or the I/O error (the node died) or timeout. Every request has a
 * client-side timeout, so a request that hangs shows up as {@link Kind#TIMEOUT} instead of hanging the test.
 */
final class TicketLoad implements AutoCloseable {

    enum Kind { CREATED, REFUSED, IO_ERROR, TIMEOUT }

    /** One request: its subject, what came back, and how long it took. */
    record Outcome(String subject, Kind kind, int status, String contentType, String number, long startedAtNanos,
                   long finishedAtNanos, String detail) {

        long millis() {
            return (finishedAtNanos - startedAtNanos) / 1_000_000;
        }

        /** Sent before and answered (or failed) after that {@link System#nanoTime()}: in flight at that moment. */
        boolean inFlightAt(long nanos) {
            return startedAtNanos - nanos < 0 && finishedAtNanos - nanos > 0;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([^\"]+)\"");
    private static final String AUTHORIZATION = "Basic "
            + Base64.getEncoder().encodeToString("bob:demo".getBytes(StandardCharsets.UTF_8));

    private final String baseUrl;
    private final String prefix;
    private final Duration timeout;
    private final HttpClient http;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Map<String, Boolean> attempted = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    TicketLoad(String baseUrl, String prefix, int clients, Duration timeout) {
        this.baseUrl = baseUrl;
        this.prefix = prefix;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .build();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::run, prefix + "-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run() {
        while (running) {
            String subject = prefix + "-" + sequence.incrementAndGet();
            attempted.put(subject, Boolean.TRUE);
            Outcome outcome = send(subject);
            outcomes.add(outcome);
            if (outcome.kind() != Kind.CREATED) {
                ForkedFlowdesk.sleep(100); // the node is down or refusing: do not spin
            }
        }
    }

    private Outcome send(String subject) {
        String body = "{\"type\":\"INCIDENT\",\"subject\":\"" + subject + "\",\"description\":\"Opened under fault\","
                + "\"requester\":\"alice\",\"impact\":\"LOW\",\"urgency\":\"LOW\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/tickets")).timeout(timeout)
                .header("Authorization", AUTHORIZATION).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long end = System.nanoTime();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() == 201) {
                Matcher number = NUMBER.matcher(response.body());
                return new Outcome(subject, Kind.CREATED, 201, contentType, number.find() ? number.group(1) : null,
                        start, end, response.body());
            }
            return new Outcome(subject, Kind.REFUSED, response.statusCode(), contentType, null, start, end,
                    response.body());
        } catch (HttpTimeoutException e) {
            long end = System.nanoTime();
            return new Outcome(subject, Kind.TIMEOUT, -1, "", null, start, end, e.toString());
        } catch (IOException e) {
            long end = System.nanoTime();
            return new Outcome(subject, Kind.IO_ERROR, -1, "", null, start, end, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            long end = System.nanoTime();
            return new Outcome(subject, Kind.IO_ERROR, -1, "", null, start, end, e.toString());
        }
    }

    /** Tickets acknowledged with a 201 so far. */
    long created() {
        return outcomes.stream().filter(o -> o.kind() == Kind.CREATED).count();
    }

    /** Requests that ended (any way) after the given {@link System#nanoTime()}. */
    List<Outcome> finishedAfter(long nanos) {
        return outcomes.stream().filter(o -> o.finishedAtNanos() - nanos > 0).toList();
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    /** Every subject a request was sent for, acknowledged or not. */
    List<String> attempted() {
        return List.copyOf(attempted.keySet());
    }

    /** Stops the clients after their current request (each ends within the timeout) and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(timeout.toMillis() + 5_000);
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " still waits for an answer beyond its timeout");
            }
        }
    }
}
