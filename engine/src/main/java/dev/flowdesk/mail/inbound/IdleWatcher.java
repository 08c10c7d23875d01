package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.Mailbox;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds one IMAP IDLE connection to one mailbox on this node (a daemon thread) and, when the server reports new mail,
 * asks for the mailbox's clustered poll job to run now. It never reads, flags or commits anything: the job stays the
 * only reader, so exactly-once and the cluster's one-reader-at-a-time hold as before, and the poll interval stays the
 * safety net for whatever IDLE misses. A server without the IDLE capability is left alone (until the mailbox changes).
 * A lost connection is re-opened with a doubling backoff. An IDLE is renewed every {@link #RENEW} (RFC 2177 §3:
 * servers may drop a client idle for 30 minutes) from the {@code renewer}: asking the folder anything from another
 * thread makes Jakarta Mail end the IDLE (DONE) and send a NOOP, and the watcher's loop starts the next IDLE. On a
 * connection that died silently the NOOP times out, which ends the watcher's connection and it reconnects. (A read
 * timeout alone would not do: Jakarta Mail ignores socket timeouts while in IDLE.)
 */
final class IdleWatcher implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(IdleWatcher.class);

    /** How long one IDLE lasts before the connection is renewed. */
    static final Duration RENEW = Duration.ofMinutes(9);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** What the watcher is doing, for the admin page. */
    enum State { CONNECTING, WATCHING, RETRYING, NOT_SUPPORTED, STOPPED }

    /** Asks for the mailbox's poll job to run soon. */
    interface Wake {
        void newMail(Mailbox mailbox);
    }

    private final Mailbox mailbox;
    private final Wake wake;
    private final Duration renew;
    private final ScheduledExecutorService renewer;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile State state = State.CONNECTING;
    private volatile Store store;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger renewals = new AtomicInteger();

    IdleWatcher(Mailbox mailbox, Wake wake, ScheduledExecutorService renewer) {
        this(mailbox, wake, renewer, RENEW);
    }

    /** With another renewal period (tests: seconds instead of minutes). */
    IdleWatcher(Mailbox mailbox, Wake wake, ScheduledExecutorService renewer, Duration renew) {
        this.mailbox = mailbox;
        this.wake = wake;
        this.renewer = renewer;
        this.renew = renew;
        this.thread = new Thread(this, "mail-idle-" + mailbox.id());
        thread.setDaemon(true);
    }

    Mailbox mailbox() {
        return mailbox;
    }

    State state() {
        return state;
    }

    void start() {
        thread.start();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** Connections opened so far (the first one and every reconnect). */
    int connections() {
        return connections.get();
    }

    /** IDLEs renewed so far on a live connection. */
    int renewals() {
        return renewals.get();
    }

    /** Ends the watcher: closes its connection (which ends a pending IDLE) and waits briefly for the thread. */
    void stop() {
        stopped = true;
        state = State.STOPPED;
        thread.interrupt();
        Store open = store;
        if (open != null) {
            // Closing ends the IDLE with a DONE; a dead server could hold that up, so it is not waited for long.
            Thread closer = new Thread(() -> close(open), "mail-idle-close-" + mailbox.id());
            closer.setDaemon(true);
            closer.start();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopped) {
            long started = System.nanoTime();
            try {
                state = State.CONNECTING;
                if (!watch()) {
                    state = State.NOT_SUPPORTED;
                    log.info("Mailbox {} does not offer IMAP IDLE; it is polled every {}", mailbox.displayName(),
                            mailbox.pollInterval());
                    return;
                }
            } catch (MessagingException | RuntimeException e) {
                if (!stopped) {
                    log.info("IMAP IDLE on mailbox {} ended, reconnecting in {}: {}", mailbox.displayName(), backoff,
                            e.toString());
                }
            } finally {
                Store open = store;
                store = null;
                if (open != null) {
                    close(open);
                }
            }
            if (stopped) {
                break;
            }
            // A connection that held for a while was fine: start the backoff afresh.
            if (System.nanoTime() - started >= Duration.ofMinutes(1).toNanos()) {
                backoff = FIRST_BACKOFF;
            }
            state = State.RETRYING;
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        state = State.STOPPED;
    }

    /** One connection: IDLE until it ends; false when the server has no IDLE. */
    private boolean watch() throws MessagingException {
        Store connected = Session.getInstance(MailboxPoller.sessionProperties()).getStore(mailbox.urlName());
        store = connected;
        if (stopped) {
            return true;
        }
        connected.connect();
        connections.incrementAndGet();
        if (!(connected instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
            return false;
        }
        IMAPFolder folder = (IMAPFolder) connected.getFolder(mailbox.folder());
        folder.open(Folder.READ_ONLY);
        // Mail that came while nobody watched (start, reconnect) is not announced again: ask for a poll now.
        if (folder.getUnreadMessageCount() > 0) {
            wake.newMail(mailbox);
        }
        int count = folder.getMessageCount();
        state = State.WATCHING;
        ScheduledFuture<?> renewal = renewer.scheduleWithFixedDelay(() -> renew(folder), renew.toMillis(),
                renew.toMillis(), TimeUnit.MILLISECONDS);
        try {
            while (!stopped && folder.isOpen()) {
                folder.idle(true);
                int now = folder.getMessageCount();
                if (now > count) {
                    wake.newMail(mailbox);
                }
                count = now;
            }
        } finally {
            renewal.cancel(false);
        }
        return true;
    }

    /** Ends the current IDLE with a NOOP (see the class comment); the watcher's loop starts the next one. */
    private void renew(IMAPFolder folder) {
        try {
            folder.getMessageCount();
            renewals.incrementAndGet();
        } catch (MessagingException | RuntimeException e) {
            // The watcher's own thread sees the broken connection too, and reconnects.
            log.debug("Renewing IMAP IDLE on {} failed: {}", mailbox.displayName(), e.toString());
        }
    }

    private static void close(Store store) {
        try {
            store.close();
        } catch (MessagingException | RuntimeException ignored) {
            // the connection is being given up anyway
        }
    }
}
