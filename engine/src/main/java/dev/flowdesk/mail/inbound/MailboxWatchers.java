package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.MailJobs;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.Mailbox;
import dev.flowdesk.mail.Mailboxes;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * This node's {@link IdleWatcher}s: one per enabled mailbox that wants IDLE (with {@code flowdesk.mail.idle} on). A
 * supervisor thread keeps them in step with the {@code mailbox} table: at once after a change committed on this node,
 * and every {@link #RECONCILE} for changes made on another node. This is connection upkeep on each node, not scheduled
 * work: scheduled work runs once in the cluster through Quartz, while every node holds its own IDLE connections (and
 * any of them may wake the one poll job).
 */
@Component
public class MailboxWatchers {

    private static final Logger log = LoggerFactory.getLogger(MailboxWatchers.class);
    static final Duration RECONCILE = Duration.ofSeconds(30);

    private final Mailboxes mailboxes;
    private final MailJobs jobs;
    private final MailProperties properties;
    private final Map<Long, IdleWatcher> watchers = new ConcurrentHashMap<>();
    private final Semaphore wakeUp = new Semaphore(0);
    /** Renews every watcher's IDLE now and then (see {@link IdleWatcher}); one thread is plenty for that. */
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-idle-renewer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    private Thread supervisor;

    MailboxWatchers(Mailboxes mailboxes, MailJobs jobs, MailProperties properties) {
        this.mailboxes = mailboxes;
        this.jobs = jobs;
        this.properties = properties;
    }

    /**
     * What this node's IDLE watcher of the mailbox is doing ({@code CONNECTING}, {@code WATCHING}, {@code RETRYING},
     * {@code NOT_SUPPORTED}); empty when it has none (IDLE off, mailbox disabled or gone).
     */
    public Optional<String> state(long mailboxId) {
        return Optional.ofNullable(watchers.get(mailboxId)).map(w -> w.state().name());
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!properties.idle() || supervisor != null) {
            return;
        }
        supervisor = new Thread(this::supervise, "mail-idle-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    @TransactionalEventListener
    void changed(Mailboxes.MailboxChanged change) {
        wakeUp.release();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        closed = true;
        Thread running = supervisor;
        if (running != null) {
            running.interrupt();
            try {
                running.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopAll();
        renewer.shutdownNow();
    }

    private void supervise() {
        while (!closed) {
            try {
                reconcile();
            } catch (RuntimeException e) {
                log.warn("Cannot bring the IMAP IDLE watchers in line with the mailboxes: {}", e.toString());
            }
            try {
                if (wakeUp.tryAcquire(RECONCILE.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        stopAll();
    }

    /** Starts the missing watchers, restarts those whose mailbox changed, stops those no longer wanted. */
    void reconcile() {
        List<Mailbox> wanted = mailboxes.all().stream().filter(m -> m.enabled() && m.idle()).toList();
        Map<Long, Mailbox> byId = new HashMap<>();
        wanted.forEach(m -> byId.put(m.id(), m));
        for (var entry : watchers.entrySet()) {
            Mailbox now = byId.get(entry.getKey());
            if (now == null || now.version() != entry.getValue().mailbox().version()) {
                watchers.remove(entry.getKey());
                entry.getValue().stop();
            }
        }
        for (Mailbox mailbox : wanted) {
            if (!closed && !watchers.containsKey(mailbox.id())) {
                IdleWatcher watcher = new IdleWatcher(mailbox, this::wake, renewer);
                watchers.put(mailbox.id(), watcher);
                watcher.start();
            }
        }
    }

    private void wake(Mailbox mailbox) {
        try {
            if (jobs.runSoon(mailbox.jobName())) {
                log.debug("New mail in {}: its poll runs now", mailbox.displayName());
            }
        } catch (SchedulerException | RuntimeException e) {
            log.info("New mail in {}, but the poll could not be started now (the next one reads it): {}",
                    mailbox.displayName(), e.toString());
        }
    }

    private void stopAll() {
        for (Long id : List.copyOf(watchers.keySet())) {
            IdleWatcher watcher = watchers.remove(id);
            if (watcher != null) {
                watcher.stop();
            }
        }
    }
}
