package dev.flowdesk.conversation;

import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** {@code /api/tickets/{id}/conversation} and {@code /articles}: read and write a ticket's conversation. */
@RestController
@RequestMapping("/api/tickets/{id}")
class ConversationController {

    private final Conversation conversation;
    private final TicketActions actions;

    ConversationController(Conversation conversation, TicketActions actions) {
        this.conversation = conversation;
        this.actions = actions;
    }

    record Question(String question) {
    }

    record Reason(String reason) {
    }

    /** An agent asks the requester for information; the ticket waits for the customer's reply. */
    @PostMapping("/request-info")
    dev.flowdesk.ticket.TicketViews.TicketDetail requestInfo(@PathVariable long id, @RequestBody Question body) {
        return actions.requestInformation(id, body.question(), CurrentUsers.require());
    }

    /** The requester confirms the resolution; the ticket closes. */
    @PostMapping("/confirm")
    dev.flowdesk.ticket.TicketViews.TicketDetail confirm(@PathVariable long id) {
        return actions.confirmResolution(id, CurrentUsers.require());
    }

    /** An agent cancels a sub-ticket (with a reason the parent shows). */
    @PostMapping("/cancel")
    dev.flowdesk.ticket.TicketViews.TicketDetail cancel(@PathVariable long id, @RequestBody Reason body) {
        return actions.cancelSubTicket(id, body.reason(), CurrentUsers.require());
    }

    record NewArticle(String body, String visibility) {
    }

    @GetMapping("/conversation")
    List<Conversation.ArticleView> list(@PathVariable long id) {
        return conversation.list(id, CurrentUsers.require());
    }

    @PostMapping("/articles")
    ResponseEntity<Conversation.ArticleView> add(@PathVariable long id, @RequestBody NewArticle body) {
        Conversation.ArticleView article = conversation.add(id, body.body(), body.visibility(), "WEB",
                CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "/conversation#" + article.id())).body(article);
    }
}
