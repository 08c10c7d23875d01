package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.Mailbox;
import dev.flowdesk.mail.Mailboxes;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.FetchProfile;
import jakarta.mail.internet.InternetHeaders;
import org.eclipse.angus.mail.imap.IMAPFolder;
import jakarta.mail.search.FlagTerm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the unseen messages of one mailbox and hands each to {@link InboundMailProcessor}, whose transaction commits
 * before the message is flagged {@code \Seen}: a crash in between leaves the message unseen, and reading it again
 * finds its key and changes nothing. A batch is fetched with few round trips (sizes, then the whole messages up to
 * 1 MiB, in one FETCH each), and committed messages are flagged together, one STORE per {@value #FLAG_EVERY}. A message that cannot be parsed or processed is quarantined with the reason and
 * flagged ({@code \Seen \Flagged}), and the poller goes on with the next one.
 */
@Service
public class MailboxPoller {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);
    /** Messages per poll: a large backlog drains over several polls, each one short enough for the cluster lease. */
    static final int BATCH = 200;

    private final Mailboxes mailboxes;
    private final InboundMailProcessor processor;
    private final Quarantine quarantine;
    private final dev.flowdesk.mail.MailThreads threads;

    /** Runs the lanes of a chunk side by side (see {@link MailLanes}); null: one at a time, on the poller's thread. */
    private final ExecutorService lanes;

    MailboxPoller(Mailboxes mailboxes, InboundMailProcessor processor, Quarantine quarantine,
                  dev.flowdesk.mail.MailThreads threads,
                  @Value("${flowdesk.mail.ingest-threads:4}") int ingestThreads) {
        this.mailboxes = mailboxes;
        this.processor = processor;
        this.quarantine = quarantine;
        this.threads = threads;
        if (ingestThreads < 1) {
            throw new IllegalArgumentException("flowdesk.mail.ingest-threads must be at least 1");
        }
        AtomicInteger number = new AtomicInteger();
        this.lanes = ingestThreads == 1 ? null : Executors.newFixedThreadPool(ingestThreads, task -> {
            Thread thread = new Thread(task, "mail-ingest-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        if (lanes != null) {
            lanes.shutdownNow();
        }
    }

    /** What one poll did. */
    public record PollResult(int read, int created, int appended, int skipped, int quarantined) {
    }

    /** Polls the mailbox {@code id} as stored now. */
    public PollResult poll(long id) throws MessagingException {
        return poll(mailboxes.find(id).orElseThrow(() -> new IllegalArgumentException("no mailbox " + id)));
    }

    /** Polls {@code mailbox} once: at most {@link #BATCH} unseen messages. */
    public PollResult poll(Mailbox mailbox) throws MessagingException {
        Session session = Session.getInstance(sessionProperties());
        Store store = session.getStore(mailbox.urlName());
        int read = 0;
        int created = 0;
        int appended = 0;
        int skipped = 0;
        int quarantined = 0;
        store.connect();
        try {
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                Message[] batch = Arrays.copyOf(unseen, Math.min(unseen.length, BATCH));
                prefetch(folder, batch);
                List<Fetched> fetched = new ArrayList<>(batch.length);
                for (Message message : batch) {
                    fetched.add(Fetched.of(message));
                }
                List<Message> done = new ArrayList<>();
                try {
                    Map<Fetched, Handled> sideBySide = sideBySide(fetched, mailbox, folder, done);
                    for (Fetched one : fetched) {
                        read++;
                        // What failed beside other lanes (or was not tried) runs again here, alone, where a failure
                        // is final and quarantined.
                        Handled handled = sideBySide.get(one);
                        if (handled == null) {
                            handled = handle(one, mailbox);
                            if (handled != Handled.QUARANTINED) {
                                committed(folder, done, one.message());
                            }
                        }
                        switch (handled) {
                            case CREATED -> created++;
                            case APPENDED -> appended++;
                            case QUARANTINED -> quarantined++;
                            default -> skipped++;
                        }
                    }
                } finally {
                    markSeen(folder, done);
                }
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
        return new PollResult(read, created, appended, skipped, quarantined);
    }

    private enum Handled { CREATED, APPENDED, SKIPPED, QUARANTINED }

    /**
     * Messages whose transaction committed are flagged {@code \Seen} together, in one STORE per this many: a crash
     * before the STORE leaves them unseen, and reading them again finds their keys and changes nothing.
     */
    static final int FLAG_EVERY = 50;
    /** Messages up to this size are fetched whole with the batch (one FETCH for all); bigger ones one by one. */
    static final int PREFETCH_MAX_BYTES = 1024 * 1024;

    /**
     * Fetches sizes, then the whole of every message up to {@link #PREFETCH_MAX_BYTES}, in one FETCH command each
     * instead of one round trip (or several) per message.
     */
    private static void prefetch(Folder folder, Message[] batch) throws MessagingException {
        if (batch.length == 0 || !(folder instanceof IMAPFolder)) {
            return;
        }
        FetchProfile sizes = new FetchProfile();
        sizes.add(FetchProfile.Item.SIZE);
        folder.fetch(batch, sizes);
        List<Message> small = new ArrayList<>();
        for (Message message : batch) {
            if (message.getSize() >= 0 && message.getSize() <= PREFETCH_MAX_BYTES) {
                small.add(message);
            }
        }
        FetchProfile whole = new FetchProfile();
        whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
        folder.fetch(small.toArray(new Message[0]), whole);
    }

    private static void markSeen(Folder folder, List<Message> done) throws MessagingException {
        if (!done.isEmpty()) {
            folder.setFlags(done.toArray(new Message[0]), new Flags(Flags.Flag.SEEN), true);
            done.clear();
        }
    }

    /** A message read from the server: its bytes, headers and key, and what {@link MailLanes} need to know. */
    private record Fetched(Message message, byte[] raw, InternetHeaders headers, String key) {

        static Fetched of(Message message) throws MessagingException {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                message.writeTo(bytes);
                byte[] raw = bytes.toByteArray();
                InternetHeaders headers = MailboxPoller.headers(raw);
                return new Fetched(message, raw, headers, keyFromHeaders(headers, raw));
            } catch (IOException e) {
                throw new MessagingException("cannot read message " + message.getMessageNumber(), e);
            }
        }

        MailLanes.Item<Fetched> laneItem() {
            String sender = null;
            try {
                jakarta.mail.internet.InternetAddress[] from = jakarta.mail.internet.InternetAddress.parseHeader(
                        header(headers, "From"), false);
                sender = from.length == 0 || from[0].getAddress() == null ? null
                        : from[0].getAddress().toLowerCase(java.util.Locale.ROOT);
            } catch (jakarta.mail.internet.AddressException | RuntimeException unreadable) {
                // no sender to order by: the message's own key and references still are
            }
            List<String> referenced = new ArrayList<>();
            for (String name : new String[] {"In-Reply-To", "References"}) {
                String[] values = headers.getHeader(name);
                for (String value : values == null ? new String[0] : values) {
                    java.util.regex.Matcher m = MESSAGE_ID.matcher(value);
                    while (m.find()) {
                        referenced.add(dev.flowdesk.mail.MailThreads.key(m.group(1)));
                    }
                }
            }
            String tag = dev.flowdesk.mail.MailThreads.findTag(HeaderText.header(header(headers, "Subject")))
                    .map(dev.flowdesk.mail.MailThreads.Tag::ticketNumber).orElse(null);
            return new MailLanes.Item<>(this, key, sender, referenced, tag);
        }
    }

    private static final java.util.regex.Pattern MESSAGE_ID = java.util.regex.Pattern.compile("<([^<>\\s]+)>");

    /**
     * Processes a batch in {@link MailLanes}, the lanes side by side on {@link #lanes}, each message in its own
     * transaction as always, and flags what committed while the lanes go on (one STORE per {@link #FLAG_EVERY}): the
     * lanes of a whole batch run without waiting for each other, where chunks of 50 that waited for their slowest lane
     * left the threads idle at every chunk's end (a third of the drain time in the 20,000-message benchmark had no
     * commit for 50 ms or more). Returns what committed; a message that failed (a race between lanes the lanes did not
     * foresee, or a message that will fail anyway) is left out, and the rest of its lane is not tried, so the caller
     * runs them again alone, in mailbox order.
     */
    private Map<Fetched, Handled> sideBySide(List<Fetched> batch, Mailbox mailbox, Folder folder, List<Message> done)
            throws MessagingException {
        Map<Fetched, Handled> handled = new ConcurrentHashMap<>();
        List<List<Fetched>> split = MailLanes.split(batch.stream().map(Fetched::laneItem).toList());
        if (lanes == null || split.size() < 2) {
            return handled;
        }
        BlockingQueue<Fetched> commits = new LinkedBlockingQueue<>();
        List<Future<?>> running = new ArrayList<>();
        for (List<Fetched> lane : split) {
            running.add(lanes.submit(() -> {
                for (Fetched fetched : lane) {
                    try {
                        handled.put(fetched, process(fetched, mailbox));
                        commits.add(fetched);
                    } catch (MimeParser.MalformedMailException | RuntimeException e) {
                        log.debug("Mail {} failed beside other lanes; it runs again alone: {}", fetched.key(),
                                e.toString());
                        return; // the rest of this lane runs after it, alone, in order
                    }
                }
            }));
        }
        try {
            // Only this thread talks to the folder: it flags the committed messages while the lanes run.
            while (!running.stream().allMatch(Future::isDone)) {
                Fetched one = commits.poll(100, TimeUnit.MILLISECONDS);
                if (one != null) {
                    committed(folder, done, one.message());
                }
            }
            for (Future<?> lane : running) {
                try {
                    lane.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("A mail lane failed; its messages run again alone: {}", e.getCause().toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading mail", e);
        } finally {
            // A failed STORE ends the poll, but not before the lanes end: the next poll must not meet them.
            for (Future<?> lane : running) {
                awaitQuietly(lane);
            }
            for (Fetched one = commits.poll(); one != null; one = commits.poll()) {
                done.add(one.message());
            }
        }
        return handled;
    }

    /** A message's transaction committed: it is flagged with the next {@link #FLAG_EVERY}. */
    private static void committed(Folder folder, List<Message> done, Message message) throws MessagingException {
        done.add(message);
        if (done.size() >= FLAG_EVERY) {
            markSeen(folder, done);
        }
    }

    private static void awaitQuietly(Future<?> lane) {
        boolean interrupted = false;
        while (true) {
            try {
                lane.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parses and processes one message in its own transaction; a failure leaves nothing behind. */
    private Handled process(Fetched fetched, Mailbox mailbox) throws MimeParser.MalformedMailException {
        ParsedMail mail = MimeParser.parse(fetched.raw());
        InboundMailProcessor.Result result = processor.process(mail, InboundMailProcessor.keyOf(mail, fetched.raw()),
                mailbox);
        // Committed: only now may the server forget that the message is new (the caller flags it \Seen).
        return switch (result.outcome()) {
            case CREATED -> Handled.CREATED;
            case APPENDED -> Handled.APPENDED;
            default -> Handled.SKIPPED;
        };
    }

    private Handled handle(Fetched fetched, Mailbox mailbox) throws MessagingException {
        Message message = fetched.message();
        byte[] raw = fetched.raw();
        ParsedMail mail = null;
        InternetHeaders headers = fetched.headers();
        String key = fetched.key();
        try {
            mail = MimeParser.parse(raw);
            key = InboundMailProcessor.keyOf(mail, raw);
            InboundMailProcessor.Result result = processor.process(mail, key, mailbox);
            // Committed: only now may the server forget that the message is new (the caller flags it \Seen).
            return switch (result.outcome()) {
                case CREATED -> Handled.CREATED;
                case APPENDED -> Handled.APPENDED;
                default -> Handled.SKIPPED;
            };
        } catch (MimeParser.MalformedMailException | RuntimeException e) {
            if (isDuplicateKey(e) && threads.isKnown(key)) {
                // Another copy of the same message (a second mailbox, another node) committed first: nothing to do.
                return Handled.SKIPPED;
            }
            log.warn("Quarantined mail {} from {}: {}", key, mailbox.displayName(), e.toString());
            quarantine.add(key, mailbox.displayName(), mail == null || mail.from() == null
                    ? HeaderText.header(header(headers, "From")) : mail.from().toString(),
                    mail == null ? HeaderText.header(header(headers, "Subject")) : mail.subject(), reason(e));
            message.setFlags(new Flags(Flags.Flag.SEEN), true);
            message.setFlag(Flags.Flag.FLAGGED, true);
            return Handled.QUARANTINED;
        }
    }

    /**
     * Whether the failure is a unique-key violation, however it reached us: Spring's translation, Hibernate's own
     * exception (a flush at commit is not translated), or the driver's SQL state 23505 (PostgreSQL and H2). Two nodes
     * that read the same unseen message at once both try to store it; the loser lands here (TwoNodeIT).
     */
    static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataIntegrityViolationException
                    || t instanceof org.hibernate.exception.ConstraintViolationException
                    || (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The key of a message that may not parse: its Message-ID header if it has one, else the hash of its bytes. */
    private static String keyFromHeaders(InternetHeaders headers, byte[] raw) {
        String id = header(headers, "Message-ID");
        java.util.regex.Matcher m = id == null ? null : java.util.regex.Pattern.compile("<([^<>\\s]+)>").matcher(id);
        return m != null && m.find() ? dev.flowdesk.mail.MailThreads.key(m.group(1))
                : dev.flowdesk.mail.MailThreads.keyOfRaw(raw);
    }

    /** The header block of the raw bytes, read locally (no round trip to the server); empty when unreadable. */
    private static InternetHeaders headers(byte[] raw) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(raw));
        } catch (MessagingException | RuntimeException e) {
            return new InternetHeaders();
        }
    }

    private static String header(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? message : message + " (" + root + ")";
    }

    /** The Jakarta Mail settings of every connection to a mailbox (polls, connection tests, IDLE watchers). */
    static Properties sessionProperties() {
        Properties properties = new Properties();
        for (String protocol : new String[] {"imap", "imaps"}) {
            // Fetch with BODY.PEEK: reading a message must not mark it \Seen before its transaction commits.
            properties.setProperty("mail." + protocol + ".peek", "true");
            // A message body comes in pieces of this size (Jakarta Mail's default is 16 KiB): a 30 MB attachment
            // took 2,000 round trips, and servers that serialise the whole message for every partial FETCH
            // (GreenMail) spend minutes on it.
            properties.setProperty("mail." + protocol + ".fetchsize", String.valueOf(1024 * 1024));
            properties.setProperty("mail." + protocol + ".connectiontimeout", "10000");
            properties.setProperty("mail." + protocol + ".timeout", "60000");
        }
        properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
        return properties;
    }
}
