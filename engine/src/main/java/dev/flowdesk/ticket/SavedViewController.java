package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.security.EntityTags;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.util.List;
import java.util.Map;

/** {@code /api/views}: the agents' saved and shared ticket views, with counters. */
@RestController
@RequestMapping("/api/views")
class SavedViewController {

    private final SavedViews views;

    SavedViewController(SavedViews views) {
        this.views = views;
    }

    record ViewRequest(String name, Boolean shared, Map<String, String> filters, String sort, List<String> columns,
                       Long version) {
    }

    /**
     * The views with their counts and an entity tag. The counts are the costly part and the answer is little more,
     * so the tag is a digest of the answer itself: a 304 saves the transfer and the browser's re-rendering.
     */
    @GetMapping
    ResponseEntity<List<SavedViews.View>> list(WebRequest request) {
        CurrentUser user = CurrentUsers.require();
        List<SavedViews.View> list = views.list(user);
        String tag = EntityTags.of(user, "views", list);
        if (request.checkNotModified(tag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        return ResponseEntity.ok().eTag(tag).body(list);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SavedViews.View create(@RequestBody ViewRequest body) {
        return views.create(body.name(), body.shared(), body.filters(), body.sort(), body.columns(),
                CurrentUsers.require());
    }

    @PutMapping("/{id}")
    SavedViews.View update(@PathVariable long id, @RequestBody ViewRequest body) {
        return views.update(id, body.name(), body.shared(), body.filters(), body.sort(), body.columns(),
                body.version(), CurrentUsers.require());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id) {
        views.delete(id, CurrentUsers.require());
    }
}
