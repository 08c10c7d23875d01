package dev.flowdesk.conversation;

import dev.flowdesk.attachment.Attachments;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketStructure;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;

/**
 * Splits one article of a ticket's conversation into a new ticket: the new ticket has the article's text as its
 * description, the same requester, type, impact and urgency, and is classified and started like any ticket an agent
 * opens; the article and its files move to it, and the two tickets are linked ({@code RELATES_TO}). One transaction.
 */
@Service
public class ArticleSplit {

    private final ArticleRepository articles;
    private final TicketQueries tickets;
    private final TicketService service;
    private final TicketStructure structure;
    private final Attachments files;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    ArticleSplit(ArticleRepository articles, TicketQueries tickets, TicketService service, TicketStructure structure,
                 Attachments files, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.articles = articles;
        this.tickets = tickets;
        this.service = service;
        this.structure = structure;
        this.files = files;
        this.jdbc = jdbc;
    }

    @Transactional
    public OpenedTicket split(long ticketId, long articleId, String subject, CurrentUser user) {
        user.requireAny("Only agents split a conversation.", Role.AGENT);
        TicketDetail ticket = tickets.get(ticketId, user);
        Article article = articles.findById(articleId).filter(a -> a.getTicketId() == ticketId)
                .orElseThrow(() -> DomainException.notFound("article " + articleId + " of ticket " + ticketId));
        String title = subject == null || subject.isBlank() ? defaultSubject(ticket, article) : subject.strip();
        if (title.length() > 200) {
            throw DomainException.invalid("subject", "must be at most 200 characters");
        }
        OpenedTicket opened = service.openDirectly(new NewTicket(ticket.type(), "API", title, article.getBody(),
                ticket.requester(), ticket.impact(), ticket.urgency(), ticket.category(), Map.of(), null), user);
        // articles are immutable entities: the one column that changes is moved in SQL
        jdbc.update("UPDATE article SET ticket_id = ? WHERE id = ?", opened.ticketId(), articleId);
        files.moveArticleFiles(articleId, opened.ticketId());
        structure.link(opened.ticketId(), "RELATES_TO", ticketId, user);
        return opened;
    }

    private static String defaultSubject(TicketDetail ticket, Article article) {
        String first = article.getBody().strip().lines().findFirst().orElse("").strip();
        String text = "Split from " + ticket.number() + (first.isEmpty() ? "" : ": " + first);
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
