package dev.flowdesk.knowledge;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@code /api/kb/articles}: the knowledge base; {@code /api/tickets/{id}/kb-draft} and {@code kb-suggestions}. */
@RestController
class KnowledgeController {

    private final KnowledgeBase kb;

    KnowledgeController(KnowledgeBase kb) {
        this.kb = kb;
    }

    @GetMapping("/api/kb/articles")
    PageResponse<KnowledgeBase.ArticleSummary> search(@RequestParam(required = false) String q,
                                                      @RequestParam(name = "lang", required = false) String language,
                                                      @RequestParam(required = false) String status,
                                                      @RequestParam(defaultValue = "0") int page,
                                                      @RequestParam(defaultValue = "20") int size) {
        return kb.search(q, language, status, page, size, CurrentUsers.require());
    }

    @GetMapping("/api/kb/articles/{id}")
    KnowledgeBase.ArticleView get(@PathVariable long id) {
        return kb.get(id, CurrentUsers.require());
    }

    @GetMapping("/api/kb/articles/{id}/versions")
    List<Map<String, Object>> versions(@PathVariable long id) {
        return kb.versions(id, CurrentUsers.require());
    }

    @PostMapping("/api/kb/articles")
    ResponseEntity<KnowledgeBase.ArticleView> create(@RequestBody KnowledgeBase.ArticleInput body) {
        KnowledgeBase.ArticleView created = kb.create(body, CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/kb/articles/" + created.id())).body(created);
    }

    @PutMapping("/api/kb/articles/{id}")
    KnowledgeBase.ArticleView update(@PathVariable long id, @RequestBody KnowledgeBase.ArticleInput body) {
        return kb.update(id, body, CurrentUsers.require());
    }

    @PostMapping("/api/kb/articles/{id}/publish")
    KnowledgeBase.ArticleView publish(@PathVariable long id) {
        return kb.publish(id, CurrentUsers.require());
    }

    record Solved(String form) {
    }

    /** "This solved it" while filling in a form: a deflection, no ticket. */
    @PostMapping("/api/kb/articles/{id}/solved")
    ResponseEntity<Map<String, Object>> solved(@PathVariable long id, @RequestBody Solved body) {
        kb.solved(id, body.form(), CurrentUsers.require());
        return ResponseEntity.ok(Map.of("deflected", true));
    }

    record DraftRequest(String language) {
    }

    @PostMapping("/api/tickets/{id}/kb-draft")
    ResponseEntity<KnowledgeBase.ArticleView> draft(@PathVariable long id,
                                                    @RequestBody(required = false) DraftRequest body) {
        KnowledgeBase.ArticleView draft = kb.draftFromTicket(id, body == null ? null : body.language(),
                CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/kb/articles/" + draft.id())).body(draft);
    }

    @GetMapping("/api/tickets/{id}/kb-suggestions")
    List<KnowledgeBase.ArticleSummary> suggestions(@PathVariable long id) {
        return kb.suggestionsFor(id, CurrentUsers.require());
    }
}
