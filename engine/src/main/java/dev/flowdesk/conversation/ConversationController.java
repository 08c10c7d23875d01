package dev.flowdesk.conversation;

import dev.flowdesk.attachment.Attachments;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/tickets/{id}/conversation} and {@code /articles}: read and write a ticket's conversation. */
@RestController
@RequestMapping("/api/tickets/{id}")
class ConversationController {

    private final Conversation conversation;
    private final TicketActions actions;
    private final ArticleSplit split;

    ConversationController(Conversation conversation, TicketActions actions, ArticleSplit split) {
        this.conversation = conversation;
        this.actions = actions;
        this.split = split;
    }

    record SplitRequest(String subject) {
    }

    /** An agent splits one article into a new linked ticket ({@code 201} with the new ticket's id and number). */
    @PostMapping("/articles/{articleId}/split")
    ResponseEntity<OpenedTicket> split(@PathVariable long id, @PathVariable long articleId,
                                       @RequestBody(required = false) SplitRequest body) {
        OpenedTicket opened = split.split(id, articleId, body == null ? null : body.subject(), CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/tickets/" + opened.ticketId())).body(opened);
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

    /** What the caller may do on the ticket now, as its process waits for it: {@code ["confirm", "reopen"]}. */
    @GetMapping("/actions")
    List<String> actions(@PathVariable long id) {
        return actions.available(id, CurrentUsers.require());
    }

    /** The requester (or an agent) reopens a resolved ticket, with the reason as a public reply. */
    @PostMapping("/reopen")
    dev.flowdesk.ticket.TicketViews.TicketDetail reopen(@PathVariable long id, @RequestBody Reason body) {
        return actions.reopen(id, body == null ? null : body.reason(), CurrentUsers.require());
    }

    /** The requester (or an agent) withdraws the ticket; an optional reason becomes a public reply. */
    @PostMapping("/withdraw")
    dev.flowdesk.ticket.TicketViews.TicketDetail withdraw(@PathVariable long id,
                                                          @RequestBody(required = false) Reason body) {
        return actions.withdraw(id, body == null ? null : body.reason(), CurrentUsers.require());
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

    /** A reply or note; {@code attachments}: ids of the writer's uploads ({@code POST /api/attachments}). */
    @dev.flowdesk.web.StrictBody
    record NewArticle(String body, String visibility, List<String> attachments) {
    }

    /** The same as multipart/form-data: {@code body}, {@code visibility} and any number of {@code files}. */
    @PostMapping(path = "/articles", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Conversation.ArticleView> addWithFiles(@PathVariable long id,
                                                          @RequestParam(required = false) String body,
                                                          @RequestParam(required = false) String visibility,
                                                          @RequestParam(name = "files", required = false)
                                                          List<MultipartFile> files) {
        List<Attachments.NewFile> newFiles = new ArrayList<>();
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            try {
                newFiles.add(new Attachments.NewFile(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Conversation.ArticleView article = conversation.addWithFiles(id, body, visibility, "WEB", newFiles,
                CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "/conversation#" + article.id())).body(article);
    }

    @GetMapping("/conversation")
    List<Conversation.ArticleView> list(@PathVariable long id) {
        return conversation.list(id, CurrentUsers.require());
    }

    @PostMapping(path = "/articles", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Conversation.ArticleView> add(@PathVariable long id, @RequestBody NewArticle body) {
        Conversation.ArticleView article = conversation.add(id, body.body(), body.visibility(), "WEB",
                body.attachments() == null ? List.of() : body.attachments(), CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "/conversation#" + article.id())).body(article);
    }
}
