package dev.flowdesk.mail.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a fixed local port in front of GreenMail's IMAP server, for outage tests: {@link #off()} closes the
 * listening socket and cuts every open connection (the poller sees IMAP go down, mid-session or at connect), and
 * {@link #on()} listens on the same port again, as a restarted server would.
 */
final class ImapSwitch {

    private final int target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    /** Bytes the server may still send before the switch goes off by itself (mid-session); negative: no limit. */
    private final java.util.concurrent.atomic.AtomicLong budget = new java.util.concurrent.atomic.AtomicLong(-1);

    private ImapSwitch(int target, int port) {
        this.target = target;
        this.port = port;
    }

    static ImapSwitch to(int target) {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ImapSwitch relay = new ImapSwitch(target, probe.getLocalPort());
            probe.close();
            relay.on();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return port;
    }

    synchronized void on() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            Thread accept = new Thread(() -> accept(socket), "imap-switch-accept");
            accept.setDaemon(true);
            accept.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + port, e);
        }
    }

    /** Goes off by itself once the server has sent this many more bytes: IMAP dies in the middle of a poll. */
    void offAfter(long serverBytes) {
        budget.set(serverBytes);
    }

    synchronized void off() {
        budget.set(-1);
        ServerSocket socket = server;
        server = null;
        close(socket);
        for (Socket s : open) {
            close(s);
        }
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream, false);
                pipe(upstream, client, true);
            } catch (IOException e) {
                // closed by off(), or the target refused: the client sees its connection end
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean fromServer) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[512];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (fromServer && budget.get() >= 0 && budget.addAndGet(-n) < 0) {
                        off();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
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
