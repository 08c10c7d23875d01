package dev.flowdesk.search;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.knowledge.KnowledgeBase;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.ticket.TicketFilter;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /api/search?q=..&type=ticket|article}: the one search box over tickets (number, subject, description,
 * conversation, requester, custom fields, plus every structured filter of {@code GET /api/tickets}, the ticket type
 * as {@code ticketType}) and the knowledge
 * base, always inside the caller's scope; both run on the same text search ({@code text.TextQuery}).
 */
@RestController
class SearchController {

    private final TicketQueries tickets;
    private final KnowledgeBase knowledge;

    SearchController(TicketQueries tickets, KnowledgeBase knowledge) {
        this.tickets = tickets;
        this.knowledge = knowledge;
    }

    @GetMapping("/api/search")
    PageResponse<?> search(@RequestParam Map<String, String> params,
                           @RequestParam(required = false) String q,
                           @RequestParam(defaultValue = "ticket") String type,
                           @RequestParam(required = false) String sort,
                           @RequestParam(required = false) String lang,
                           @RequestParam(defaultValue = "0") int page,
                           @RequestParam(defaultValue = "20") int size) {
        if (q == null || q.isBlank()) {
            throw DomainException.invalid("q", "is required: the words to search for");
        }
        return switch (type) {
            case "ticket" -> {
                // here "type" says what to search; a ticket type filter is named ticketType
                Map<String, String> filters = new java.util.HashMap<>(params);
                filters.remove("type");
                if (params.containsKey("ticketType")) {
                    filters.put("type", params.get("ticketType"));
                }
                yield tickets.list(CurrentUsers.require(), TicketFilter.from(filters), sort, page, size);
            }
            case "article" -> knowledge.search(q, lang, null, page, size, CurrentUsers.require());
            default -> throw DomainException.invalid("type", "must be ticket or article");
        };
    }
}
