package dev.flowdesk.conversation;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.ticket.TicketProgress;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.RuntimeService;
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
    private final Clock clock;

    Conversation(ArticleRepository articles, TicketQueries tickets, TicketProgress progress, RuntimeService runtime,
                 Clock clock) {
        this.articles = articles;
        this.tickets = tickets;
        this.progress = progress;
        this.runtime = runtime;
        this.clock = clock;
    }

    /** One article as the API shows it. */
    public record ArticleView(long id, String author, String visibility, String channel, String body,
                              Instant createdAt) {
    }

    @Transactional(readOnly = true)
    public List<ArticleView> list(long ticketId, CurrentUser user) {
        tickets.get(ticketId, user); // 404 unless visible
        var visible = user.isAgent() ? EnumSet.allOf(Article.Visibility.class) : EnumSet.of(Article.Visibility.PUBLIC);
        return articles.findByTicketIdAndVisibilityInOrderByCreatedAtAscIdAsc(ticketId, visible).stream()
                .map(Conversation::view).toList();
    }

    /** Adds a reply or note; a requester's reply advances a process that waits for it. */
    @Transactional
    public ArticleView add(long ticketId, String body, String visibility, String channel, CurrentUser user) {
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
        Article saved = articles.save(new Article(ticketId, user.id(), kind, channel, body, clock.instant()));
        progress.recordArticle(ticketId, user.id(), kind == Article.Visibility.INTERNAL, excerpt(body));
        boolean fromRequester = user.isRequester(ticket.requester());
        if (fromRequester && kind == Article.Visibility.PUBLIC && ticket.processInstanceId() != null) {
            deliverReply(ticket.processInstanceId(), user.id());
        }
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

    private static ArticleView view(Article a) {
        return new ArticleView(a.getId(), a.getAuthor(), a.getVisibility().name(), a.getChannel(), a.getBody(),
                a.getCreatedAt());
    }
}
