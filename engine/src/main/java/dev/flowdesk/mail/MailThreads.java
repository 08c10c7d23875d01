package dev.flowdesk.mail;

import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ticket a mail belongs to. A ticket's mails carry a subject tag with its number and a short random token
 * ({@code [FD-000123·k7q2]}): the number alone is guessable, so a tag with a wrong token threads nothing. Every
 * Message-ID we received or sent is kept with its ticket, so {@code In-Reply-To}/{@code References} thread replies
 * whose subject lost the tag, and a message read twice is recognised by its key.
 */
@Service
public class MailThreads {

    /** The tag as we write it, and as mail clients mangle it (the middle dot may turn into '-' or '?'). */
    static final Pattern TAG = Pattern.compile("\\[(FD-\\d{6,9})[·\\-:?. ]{1,2}([a-z2-9]{4,12})]",
            Pattern.CASE_INSENSITIVE);
    private static final String TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MailThreadRepository threads;
    private final MailWatcherRepository watchers;
    private final MailMessageRepository messages;
    private final EntityManager entityManager;
    private final Clock clock;

    MailThreads(MailThreadRepository threads, MailWatcherRepository watchers, MailMessageRepository messages,
                EntityManager entityManager, Clock clock) {
        this.threads = threads;
        this.watchers = watchers;
        this.messages = messages;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** A ticket's mail thread as other features see it. */
    public record ThreadView(long ticketId, String ticketNumber, String token, String requesterAddress,
                             String language) {
        /** The subject tag, e.g. {@code [FD-000123·k7q2]}. */
        public String tag() {
            return "[" + ticketNumber + "·" + token + "]";
        }
    }

    /** A subject tag found in a subject line. */
    public record Tag(String ticketNumber, String token) {
    }

    public static Optional<Tag> findTag(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = TAG.matcher(subject);
        return m.find() ? Optional.of(new Tag(m.group(1).toUpperCase(Locale.ROOT), m.group(2).toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    /**
     * The key a Message-ID is stored under: without angle brackets and white space; a very long id (the RFC allows
     * 998 characters) by its SHA-256.
     */
    public static String key(String messageId) {
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id.length() > 500 ? "sha256:" + sha256(id.getBytes(StandardCharsets.UTF_8)) : id;
    }

    /** The key of a message without a Message-ID: the SHA-256 of its raw bytes. */
    public static String keyOfRaw(byte[] raw) {
        return "sha256:" + sha256(raw);
    }

    @Transactional(readOnly = true)
    public Optional<ThreadView> find(long ticketId) {
        return threads.findById(ticketId).map(MailThreads::view);
    }

    /** The thread that a subject tag names, only if its token is right. */
    @Transactional(readOnly = true)
    public Optional<ThreadView> findByTag(Tag tag) {
        return threads.findByTicketNumber(tag.ticketNumber()).filter(t -> t.getToken().equals(tag.token()))
                .map(MailThreads::view);
    }

    /** Starts a ticket's mail thread (idempotent: an existing thread is returned as it is). */
    @Transactional
    public ThreadView start(long ticketId, String ticketNumber, String requesterAddress, String language) {
        return threads.findById(ticketId).map(MailThreads::view).orElseGet(() -> {
            MailThread thread = new MailThread(ticketId, ticketNumber, newToken(), requesterAddress,
                    language == null ? "en" : language, clock.instant());
            entityManager.persist(thread);
            return view(thread);
        });
    }

    @Transactional(readOnly = true)
    public List<String> watchers(long ticketId) {
        return watchers.findByTicketIdOrderByAddress(ticketId).stream().map(MailWatcher::getAddress).toList();
    }

    /** Adds watchers (lower-cased; known ones are skipped). */
    @Transactional
    public void addWatchers(long ticketId, Collection<String> addresses) {
        for (String address : addresses) {
            String normal = address.toLowerCase(Locale.ROOT);
            if (!watchers.existsById(new MailWatcher.Key(ticketId, normal))) {
                entityManager.persist(new MailWatcher(ticketId, normal));
            }
        }
    }

    /** Was this message key stored already (received or sent)? */
    @Transactional(readOnly = true)
    public boolean isKnown(String key) {
        // by primary key: Spring Data's existsById is a query Hibernate translates anew on every call (every mail asks)
        return entityManager.find(MailMessage.class, key) != null;
    }

    /** Was this one of the messages we sent? */
    @Transactional(readOnly = true)
    public boolean isOurs(String key) {
        return messages.findById(key).filter(m -> "OUT".equals(m.getDirection())).isPresent();
    }

    /**
     * Stores a received message's key with its outcome, in the caller's transaction. Flushed at once so that the
     * unique key refuses a second copy (two mailboxes, two nodes) before anything else is written.
     */
    @Transactional
    public void recordInbound(String key, Long ticketId, String outcome, String mailbox) {
        entityManager.persist(new MailMessage(key, ticketId, "IN", outcome, mailbox, clock.instant()));
        entityManager.flush();
    }

    /**
     * Stores the key of a received message that opened a ticket, in the caller's transaction, without flushing: the
     * ticket was written first anyway, and the unique key refuses a second copy at the next flush or at commit, which
     * the poller tells from other failures. A flush here wrote the new ticket's row twice (its process instance now,
     * the article's touch at commit), and every UPDATE of a ticket recomputes its search vector.
     */
    @Transactional
    public void recordOpened(String key, long ticketId, String mailbox) {
        entityManager.persist(new MailMessage(key, ticketId, "IN", "CREATED", mailbox, clock.instant()));
    }

    /** Stores the Message-ID of a mail we are about to send, for threading the answers to it. */
    @Transactional
    public void recordOutbound(String key, Long ticketId) {
        entityManager.persist(new MailMessage(key, ticketId, "OUT", "QUEUED", null, clock.instant()));
    }

    /** The ticket of the first of these message keys that we know (callers pass In-Reply-To first). */
    @Transactional(readOnly = true)
    public Optional<Long> ticketOf(List<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        var known = messages.findByMessageKeyInAndTicketIdNotNull(keys);
        for (String key : keys) {
            for (MailMessage m : known) {
                if (key.equals(m.getMessageKey())) {
                    return Optional.of(m.getTicketId());
                }
            }
        }
        return Optional.empty();
    }

    /** The Message-IDs of a ticket's mails, oldest first: In-Reply-To and References of the next mail. */
    @Transactional(readOnly = true)
    public List<String> messageIds(long ticketId) {
        return messages.findByTicketIdOrderByCreatedAtAsc(ticketId).stream().map(MailMessage::getMessageKey)
                .filter(k -> !k.startsWith("sha256:")).toList();
    }

    private static String newToken() {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            token.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
        }
        return token.toString();
    }

    private static ThreadView view(MailThread t) {
        return new ThreadView(t.getTicketId(), t.getTicketNumber(), t.getToken(), t.getRequesterAddress(),
                t.getLanguage());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
