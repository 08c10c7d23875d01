package dev.flowdesk.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdesk.attachment.AttachmentView;
import dev.flowdesk.attachment.Attachments;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.ticket.TicketProgress;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A ticket's conversation. Requesters see and write public replies only; agents also write internal notes. A
 * requester's reply is delivered to the ticket's process as the message {@value #CUSTOMER_REPLIED} when the model
 * waits for one (waiting for customer, or resolved within the reopen window), in the same transaction.
 */
@Service
public class Conversation {

    public static final String CUSTOMER_REPLIED = "CustomerReplied";
    static final int MAX_BODY = 100_000;

    private final ArticleRepository articles;
    private final TicketQueries tickets;
    private final TicketProgress progress;
    private final RuntimeService runtime;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final dev.flowdesk.ticket.TicketLookup lookup;
    private final Clock clock;
    private final Attachments files;

    Conversation(ArticleRepository articles, TicketQueries tickets, TicketProgress progress, RuntimeService runtime,
                 ApplicationEventPublisher events, ObjectMapper json, dev.flowdesk.ticket.TicketLookup lookup,
                 Clock clock, Attachments files) {
        this.articles = articles;
        this.tickets = tickets;
        this.progress = progress;
        this.runtime = runtime;
        this.events = events;
        this.json = json;
        this.lookup = lookup;
        this.clock = clock;
        this.files = files;
    }

    /** One article as the API shows it ({@code from}, {@code to}, {@code cc} and the HTML for mail articles). */
    public record ArticleView(long id, String author, String visibility, String channel, String body,
                              String bodyHtml, String from, List<String> to, List<String> cc,
                              List<AttachmentView> attachments, Instant createdAt) {
    }

    /**
     * A mail to append to a ticket. The mail channel has checked the sender against the ticket (requester, watcher
     * or agent) before it gets here.
     *
     * @param author             the user id of the sender, or the address when no user has it
     * @param fromRequester      the sender is the ticket's requester: a reply may advance the process
     * @param byAgent            the sender is an agent
     * @param mayAdvanceProcess  false for mail a machine wrote (a vacation notice is no answer)
     */
    public record MailArticle(String author, String from, List<String> to, List<String> cc, String text,
                              String html, List<AttachmentView> attachments, boolean fromRequester, boolean byAgent,
                              boolean mayAdvanceProcess) {
    }

    @Transactional(readOnly = true)
    public List<ArticleView> list(long ticketId, CurrentUser user) {
        tickets.get(ticketId, user); // 404 unless visible
        var visible = user.isAgent() ? EnumSet.allOf(Article.Visibility.class) : EnumSet.of(Article.Visibility.PUBLIC);
        return articles.findByTicketIdAndVisibilityInOrderByCreatedAtAscIdAsc(ticketId, visible).stream()
                .map(this::view).toList();
    }

    /** Adds a reply or note; a requester's reply advances a process that waits for it. */
    @Transactional
    public ArticleView add(long ticketId, String body, String visibility, String channel, CurrentUser user) {
        return add(ticketId, body, visibility, channel, List.of(), user, false);
    }

    /** As {@link #add}, with uploads of the user ({@code POST /api/attachments}) that become the article's files. */
    @Transactional
    public ArticleView add(long ticketId, String body, String visibility, String channel, List<String> attachmentIds,
                           CurrentUser user) {
        return add(ticketId, body, visibility, channel, attachmentIds, user, false);
    }

    /** As {@link #add}, with files sent along (multipart): stored and attached in the same transaction. */
    @Transactional
    public ArticleView addWithFiles(long ticketId, String body, String visibility, String channel,
                                    List<Attachments.NewFile> newFiles, CurrentUser user) {
        tickets.get(ticketId, user); // 404 before anything is stored
        return add(ticketId, body, visibility, channel, files.uploadAll(newFiles, user, "files"), user, false);
    }

    /** As {@link #add}; {@code requestsInformation}: the agent asks the requester a question. */
    @Transactional
    ArticleView add(long ticketId, String body, String visibility, String channel, List<String> attachmentIds,
                    CurrentUser user, boolean requestsInformation) {
        TicketDetail ticket = tickets.get(ticketId, user);
        if (body == null || body.isBlank()) {
            throw DomainException.invalid("body", "is required");
        }
        if (body.length() > MAX_BODY) {
            throw DomainException.invalid("body", "must be at most " + MAX_BODY + " characters");
        }
        Article.Visibility kind;
        try {
            kind = visibility == null ? Article.Visibility.PUBLIC
                    : Article.Visibility.valueOf(visibility.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("visibility", "must be PUBLIC or INTERNAL");
        }
        if (kind == Article.Visibility.INTERNAL && !user.isAgent()) {
            throw DomainException.refused("Only agents write internal notes.");
        }
        boolean fromRequester = user.isRequester(ticket.requester());
        List<AttachmentView> attached = files.claim(attachmentIds, ticketId, null,
                kind == Article.Visibility.INTERNAL, user.id(), "attachments");
        Article saved = articles.save(new Article(ticketId, user.id(), kind, channel, body, clock.instant(),
                write(attached)));
        return recorded(saved, ticket.processInstanceId(), fromRequester, user.isAgent() && !fromRequester,
                requestsInformation);
    }

    /**
     * Appends a mail to a ticket's conversation as a public article: audited, announced, and, when the requester
     * wrote it, delivered to a process that waits for the customer, exactly as a reply in the portal.
     */
    @Transactional
    public ArticleView addFromMail(long ticketId, MailArticle mail) {
        String body = mail.text() == null || mail.text().isBlank() ? "(empty message)" : mail.text();
        if (body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
        }
        String html = mail.html() != null && mail.html().length() <= 200_000 ? mail.html() : null;
        Article saved = articles.save(Article.fromMail(ticketId, mail.author(), Article.Visibility.PUBLIC, body,
                clock.instant(), mail.from(), String.join(", ", mail.to()), String.join(", ", mail.cc()), html,
                write(mail.attachments())));
        return recorded(saved, lookup.processInstanceId(ticketId),
                mail.fromRequester() && mail.mayAdvanceProcess(), mail.byAgent(), false);
    }

    private ArticleView recorded(Article saved, String processInstanceId, boolean replyOfRequester, boolean byAgent,
                                 boolean requestsInformation) {
        long ticketId = saved.getTicketId();
        progress.recordArticle(ticketId, saved.getAuthor(), saved.getVisibility() == Article.Visibility.INTERNAL,
                byAgent, excerpt(saved.getBody()));
        if (replyOfRequester && saved.getVisibility() == Article.Visibility.PUBLIC && processInstanceId != null) {
            deliverReply(processInstanceId, saved.getAuthor());
        }
        events.publishEvent(new ConversationEvents.ArticleAdded(ticketId, saved.getId(), saved.getAuthor(),
                saved.getVisibility().name(), saved.getChannel(), byAgent, requestsInformation, saved.getBody()));
        return view(saved);
    }

    private void deliverReply(String processInstanceId, String author) {
        boolean waiting = runtime.createEventSubscriptionQuery().eventType("message").eventName(CUSTOMER_REPLIED)
                .processInstanceId(processInstanceId).count() > 0;
        if (waiting) {
            runtime.createMessageCorrelation(CUSTOMER_REPLIED).processInstanceId(processInstanceId)
                    .setVariable("lastReplyBy", author).correlateAll();
        }
    }

    private static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }

    private ArticleView view(Article a) {
        return new ArticleView(a.getId(), a.getAuthor(), a.getVisibility().name(), a.getChannel(), a.getBody(),
                a.getBodyHtml(), a.getFromAddress() == null ? a.getAuthor() : a.getFromAddress(),
                split(a.getToAddresses()), split(a.getCcAddresses()), attachments(a.getAttachmentsJson()),
                a.getCreatedAt());
    }

    private static List<String> split(String addresses) {
        return addresses == null || addresses.isBlank() ? List.of() : List.of(addresses.split(",\\s*"));
    }

    private List<AttachmentView> attachments(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private String write(List<AttachmentView> attachments) {
        try {
            return attachments == null || attachments.isEmpty() ? null : json.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize attachment metadata", e);
        }
    }
}
