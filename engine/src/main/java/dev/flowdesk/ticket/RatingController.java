package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** {@code /api/tickets/{id}/rating}: the requester's satisfaction with a resolved ticket, once. */
@RestController
class RatingController {

    private final TicketRatings ratings;

    RatingController(TicketRatings ratings) {
        this.ratings = ratings;
    }

    record NewRating(Integer score, String comment) {
    }

    @PostMapping("/api/tickets/{id}/rating")
    ResponseEntity<TicketRatings.Rating> rate(@PathVariable long id, @RequestBody NewRating body) {
        TicketRatings.Rating rating = ratings.rate(id, body.score(), body.comment(), CurrentUsers.require());
        return ResponseEntity.created(URI.create("/api/tickets/" + id + "/rating")).body(rating);
    }

    @GetMapping("/api/tickets/{id}/rating")
    TicketRatings.Rating get(@PathVariable long id) {
        return ratings.get(id, CurrentUsers.require()).orElseThrow(() -> DomainException.notFound("No rating yet"));
    }
}
