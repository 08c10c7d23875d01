package dev.flowdesk.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a server (GreenMail's SMTP) that holds every answer of the server back for a set time: a
 * slow mail server, so that a node is killed while it is sending, not after it has sent everything. The delay can be
 * changed at any time; 0 relays at once. {@link #holdAnswerToNextMessage()} makes the worst moment for a crash
 * certain: the server has accepted a whole message (the client sent the final {@code CRLF.CRLF}) and its "250 OK"
 * never reaches the client, which therefore cannot record the mail as sent.
 */
final class SlowRelay implements AutoCloseable {

    private final int target;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    private volatile boolean holdAfterNextMessage;
    private final java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);

    SlowRelay(int target) {
        this.target = target;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accept = new Thread(this::accept, "slow-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void delay(long millis) {
        delayMillis = millis;
    }

    /** The next message the server receives completely gets no answer (once). */
    void holdAnswerToNextMessage() {
        holdAfterNextMessage = true;
    }

    /** Waits until a message was relayed whose answer is being held. */
    boolean awaitHolding(java.time.Duration timeout) throws InterruptedException {
        return holding.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean();
                pipe(client, upstream, false, held);
                pipe(upstream, client, true, held);
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean answers, java.util.concurrent.atomic.AtomicBoolean held) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                String tail = "";
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (answers) {
                        while (held.get() && !from.isClosed()) {
                            Thread.sleep(50); // the answer to the held message never leaves
                        }
                        long delay = delayMillis;
                        if (delay > 0) {
                            Thread.sleep(delay);
                        }
                    } else if (holdAfterNextMessage) {
                        // the client's end of DATA, possibly split across reads: hold before the server can answer
                        tail = tail + new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                        tail = tail.substring(Math.max(0, tail.length() - 5));
                        if (tail.equals("\r\n.\r\n")) {
                            holdAfterNextMessage = false;
                            held.set(true);
                            holding.countDown();
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        }, "slow-relay-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        close(server);
        open.forEach(SlowRelay::close);
    }

    private static void close(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
