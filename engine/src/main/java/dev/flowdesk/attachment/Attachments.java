package dev.flowdesk.attachment;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.ticket.TicketQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The one way files enter and leave Flowdesk, whatever the channel (form submission, portal or agent reply, mail).
 * A file is accepted when its sniffed content type is on the allow-list and it fits the per-file and per-ticket
 * limits; its name is sanitized; its id is 128 random bits. It is read back only within its ticket's access scope
 * (requesters never see the files of internal notes), or, before it belongs to a ticket, by its uploader alone.
 */
@Service
public class Attachments {

    private static final Logger log = LoggerFactory.getLogger(Attachments.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The uploader of files sent without sign-in (forms with {@code access: anonymous}). */
    public static final String ANONYMOUS = "anonymous";
    /** Anonymous uploads not yet part of a ticket, all together at most: nobody fills the store without signing in. */
    static final long ANONYMOUS_PENDING_LIMIT = 200L * 1024 * 1024;

    private final AttachmentRepository repository;
    private final AttachmentStore store;
    private final AttachmentProperties properties;
    private final TicketQueries tickets;
    private final Clock clock;

    Attachments(AttachmentRepository repository, AttachmentStore store, AttachmentProperties properties,
                TicketQueries tickets, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.properties = properties;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** A file as a client sent it: its name as given, and its bytes. */
    public record NewFile(String name, byte[] content) {
    }

    /** The bytes of an attachment with what a download needs to say about them. */
    public record Download(String name, String contentType, byte[] content) {
    }

    /**
     * Keeps an upload that is not yet part of a ticket (a file component of a form that is still being filled in).
     * It joins a ticket when a submission or reply names it ({@link #claim}); until then only its uploader sees it.
     */
    @Transactional
    public AttachmentView upload(String fileName, byte[] content, CurrentUser user) {
        String uploader = user == null ? ANONYMOUS : user.id();
        if (user == null && content != null
                && repository.pendingSizeOf(ANONYMOUS) + content.length > ANONYMOUS_PENDING_LIMIT) {
            throw DomainException.unavailable("Too many uploads without sign-in are waiting; please try again later "
                    + "or sign in.");
        }
        return save(null, uploader, fileName, content, null, "file").view();
    }

    /** Uploads several files for one reply, named {@code field[i]} in errors; their ids, to {@link #claim}. */
    @Transactional
    public List<String> uploadAll(List<NewFile> newFiles, CurrentUser user, String field) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < newFiles.size(); i++) {
            NewFile file = newFiles.get(i);
            ids.add(save(null, user.id(), file.name(), file.content(), null, field + "[" + i + "]").getId());
        }
        return ids;
    }

    /** Adds a file to a ticket the user may see (not to a conversation article). */
    @Transactional
    public AttachmentView uploadToTicket(long ticketId, String fileName, byte[] content, CurrentUser user) {
        tickets.get(ticketId, user); // 404 unless visible
        return save(ticketId, user.id(), fileName, content, null, "file").view();
    }

    /**
     * Stores a file that came by mail on its ticket. A file that is refused (too large, type not accepted) is not
     * stored: the answer has no id and says why in the log, and the mail itself is kept.
     */
    @Transactional
    public AttachmentView storeFromMail(long ticketId, String sender, String fileName, String contentType,
                                        String contentId, byte[] content) {
        String name = FileNames.sanitize(fileName);
        if (content == null) {
            return new AttachmentView(null, name, 0, contentType);
        }
        try {
            return save(ticketId, sender, name, content, contentId, "file").view();
        } catch (DomainException e) {
            log.info("Mail attachment '{}' of ticket {} not stored: {}", name, ticketId, e.getMessage());
            return new AttachmentView(null, name, content.length, contentType);
        }
    }

    /**
     * Moves pending uploads of {@code userId} to a ticket (and article). Every id must be a pending upload of that
     * user; anything else is a 400 naming {@code field}, so nobody attaches another user's file.
     */
    @Transactional
    public List<AttachmentView> claim(List<String> ids, long ticketId, Long articleId, boolean internal,
                                      String userId, String field) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<AttachmentView> claimed = new ArrayList<>();
        long total = repository.totalSizeOfTicket(ticketId);
        for (String id : new LinkedHashSet<>(ids)) {
            Attachment attachment = id == null ? null : repository.findById(id).orElse(null);
            if (attachment == null || attachment.getTicketId() != null || !attachment.getUploadedBy().equals(userId)) {
                throw DomainException.invalid(field, "names an attachment that is not an upload of yours: " + id);
            }
            total += attachment.getSize();
            if (total > properties.maxTicketSize().toBytes()) {
                throw DomainException.invalid(field, "the files of one ticket may be at most "
                        + properties.maxTicketSize().toMegabytes() + " MB together");
            }
            attachment.attachTo(ticketId, articleId, internal);
            claimed.add(attachment.view());
        }
        return claimed;
    }

    /**
     * A pending upload of {@code userId} (not yet part of a ticket), as stored: the name and type the server decided,
     * never what a client sends along with the id.
     */
    @Transactional(readOnly = true)
    public Optional<AttachmentView> pendingUpload(String id, String userId) {
        return find(id).filter(a -> a.getTicketId() == null && a.getUploadedBy().equals(userId))
                .map(Attachment::view);
    }

    /** The files of a ticket the user may see (requesters: not those of internal notes). */
    @Transactional(readOnly = true)
    public List<AttachmentView> list(long ticketId, CurrentUser user) {
        tickets.get(ticketId, user);
        return repository.findByTicketIdOrderByCreatedAtAscIdAsc(ticketId).stream()
                .filter(a -> user.isAgent() || !a.isInternal())
                .map(Attachment::view).toList();
    }

    /** The file {@code id} if the user may see it; 404 otherwise (no difference between "gone" and "not yours"). */
    @Transactional(readOnly = true)
    public Download open(String id, CurrentUser user) {
        Attachment attachment = find(id).orElseThrow(() -> DomainException.notFound("No such attachment"));
        if (attachment.getTicketId() == null) {
            if (!attachment.getUploadedBy().equals(user.id())) {
                throw DomainException.notFound("No such attachment");
            }
        } else {
            tickets.get(attachment.getTicketId(), user);
            if (attachment.isInternal() && !user.isAgent()) {
                throw DomainException.notFound("No such attachment");
            }
        }
        return new Download(attachment.getName(), attachment.getContentType(), store.read(attachment.getId()));
    }

    /** Removes uploads that never became part of a ticket within {@code flowdesk.attachments.pending-hours}. */
    @Transactional
    public int purgePending() {
        List<Attachment> stale = repository.findPendingBefore(
                clock.instant().minus(Duration.ofHours(properties.pendingHours())));
        for (Attachment attachment : stale) {
            store.delete(attachment.getId());
            repository.delete(attachment);
        }
        return stale.size();
    }

    /**
     * Deletes every file these people uploaded, bytes and record (the erasure of a person, issue 15 part 6); the
     * uploaders are user ids or addresses, in any case. Counts what it deleted; with {@code dryRun} only counts.
     */
    @Transactional
    public int deleteUploadedBy(java.util.Collection<String> uploaders, boolean dryRun) {
        List<Attachment> theirs = repository.findUploadedByLowerCaseIn(uploaders.stream()
                .map(u -> u.toLowerCase(java.util.Locale.ROOT)).toList());
        if (!dryRun) {
            theirs.forEach(this::delete);
            repository.flush(); // the erasure goes on in SQL, which must not see the rows any more
        }
        return theirs.size();
    }

    /** Deletes every file of a ticket, bytes and record (retention of closed tickets, issue 15 part 6). */
    @Transactional
    public int deleteOfTicket(long ticketId) {
        List<Attachment> files = repository.findByTicketIdOrderByCreatedAtAscIdAsc(ticketId);
        files.forEach(this::delete);
        repository.flush();
        return files.size();
    }

    private void delete(Attachment attachment) {
        store.delete(attachment.getId());
        repository.delete(attachment);
    }

    private Optional<Attachment> find(String id) {
        return id == null || id.length() > 32 ? Optional.empty() : repository.findById(id);
    }

    private Attachment save(Long ticketId, String uploadedBy, String fileName, byte[] content, String contentId,
                            String field) {
        if (content == null || content.length == 0) {
            throw DomainException.invalid(field, "is empty");
        }
        if (content.length > properties.maxFileSize().toBytes()) {
            throw DomainException.invalid(field, "is larger than the limit of "
                    + properties.maxFileSize().toMegabytes() + " MB");
        }
        if (ticketId != null
                && repository.totalSizeOfTicket(ticketId) + content.length > properties.maxTicketSize().toBytes()) {
            throw DomainException.invalid(field, "the files of one ticket may be at most "
                    + properties.maxTicketSize().toMegabytes() + " MB together");
        }
        String name = FileNames.sanitize(fileName);
        String type = ContentSniffer.sniff(content, name);
        if (!properties.allowedTypes().contains(type)) {
            throw DomainException.invalid(field, "is of type " + type + ", which is not accepted here (accepted: "
                    + "images, PDF, text, office documents, ZIP)");
        }
        String id = newId();
        Attachment attachment = repository.saveAndFlush(new Attachment(id, ticketId, uploadedBy, name, type, content.length,
                sha256(content), contentId, clock.instant()));
        store.write(id, content);
        return attachment;
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files of an article follow it to another ticket (an article split into a ticket of its own). */
    @Transactional
    public void moveArticleFiles(long articleId, long ticketId) {
        for (Attachment attachment : repository.findByArticleId(articleId)) {
            attachment.moveTo(ticketId);
        }
    }
}
