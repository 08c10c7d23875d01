package dev.flowdesk.mail.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on a fixed local port in front of GreenMail's IMAP server, for outage tests: {@link #off()} cuts every
 * open connection and from then on ends each new one before the server's greeting (the poller sees IMAP go down,
 * mid-session or at connect), and {@link #on()} relays again, as a restarted server would.
 *
 * <p>The relay keeps its port while off: closing the listening socket let another socket of the machine take the
 * port meanwhile, and a connection the relay accepted just before {@code off()} could start relaying after it (a
 * poll during an "outage" then read the mailbox). Accepting, relaying and switching off hold one lock.
 */
final class ImapSwitch {

    private final int target;
    private final ServerSocket server;
    private final List<Socket> open = new ArrayList<>();
    private boolean down;
    /** Bytes the server may still send before the switch goes off by itself (mid-session); negative: no limit. */
    private final java.util.concurrent.atomic.AtomicLong budget = new java.util.concurrent.atomic.AtomicLong(-1);

    private ImapSwitch(int target, ServerSocket server) {
        this.target = target;
        this.server = server;
    }

    static ImapSwitch to(int target) {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            ImapSwitch relay = new ImapSwitch(target, socket);
            Thread accept = new Thread(relay::accept, "imap-switch-accept");
            accept.setDaemon(true);
            accept.start();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    synchronized void on() {
        down = false;
    }

    /** Goes off by itself once the server has sent this many more bytes: IMAP dies in the middle of a poll. */
    void offAfter(long serverBytes) {
        budget.set(serverBytes);
    }

    synchronized void off() {
        budget.set(-1);
        down = true;
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed with the JVM
            }
            synchronized (this) {
                if (down) {
                    close(client); // IMAP is down: the connection ends before any greeting
                    continue;
                }
                try {
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    pipe(client, upstream, false);
                    pipe(upstream, client, true);
                } catch (IOException e) {
                    close(client); // the target refused: the client sees its connection end
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean fromServer) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[512];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromServer && budget.get() >= 0) {
                        long left = budget.addAndGet(-n);
                        if (left < 0) {
                            if (left + n >= 0) {
                                off(); // only the pipe that used the budget up: a late one must not switch off
                            }
                            return; // off() cut this connection too
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
                synchronized (ImapSwitch.this) {
                    open.remove(from);
                    open.remove(to);
                }
            }
        }, "imap-switch-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void close(java.io.Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException e) {
            // already closed
        }
    }
}
