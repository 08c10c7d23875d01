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

    ConversationController(Conversation conversation) {
        this.conversation = conversation;
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
