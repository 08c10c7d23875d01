package dev.flowdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.web.PageResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** {@code /api/tasks}: the task inbox of agents and approvers. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final TaskWork work;

    TaskController(TaskWork work) {
        this.work = work;
    }

    record Completion(JsonNode data) {
    }

    /** A page of open tasks ({@code {"items":[...],"page","size","total"}}), most urgent first. */
    @GetMapping
    ResponseEntity<PageResponse<TaskWork.TaskView>> inbox(@RequestParam(required = false) String filter,
                                                          @RequestParam(required = false) String sort,
                                                          @RequestParam(defaultValue = "0") int page,
                                                          @RequestParam(defaultValue = "50") int size,
                                                          WebRequest request) {
        TaskWork.TaggedInbox inbox = work.inbox(CurrentUsers.require(), filter, sort, page, size,
                request::checkNotModified);
        if (inbox.page() == null) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(inbox.tag()).build();
        }
        return ResponseEntity.ok().eTag(inbox.tag()).body(inbox.page());
    }

    /** One open task, the same shape as its inbox row; 404 unless the caller may work on it. */
    @GetMapping("/{id}")
    TaskWork.TaskView task(@PathVariable String id) {
        return work.task(id, CurrentUsers.require());
    }

    @GetMapping("/{id}/form")
    TaskWork.TaskForm form(@PathVariable String id) {
        return work.form(id, CurrentUsers.require());
    }

    @PostMapping("/{id}/claim")
    TaskWork.TaskView claim(@PathVariable String id) {
        return work.claim(id, CurrentUsers.require());
    }

    record Assignment(String assignee, String group) {
    }

    /** Hands the task to {@code {"assignee":"frank"}} or to {@code {"group":"network"}}. */
    @PostMapping("/{id}/assign")
    TaskWork.TaskView assign(@PathVariable String id, @RequestBody Assignment body) {
        return work.assign(id, body == null ? null : body.assignee(), body == null ? null : body.group(),
                CurrentUsers.require());
    }

    @PostMapping("/{id}/unclaim")
    TaskWork.TaskView unclaim(@PathVariable String id) {
        return work.unclaim(id, CurrentUsers.require());
    }

    @PostMapping("/{id}/complete")
    ResponseEntity<Void> complete(@PathVariable String id, @RequestBody Completion body) {
        work.complete(id, body == null ? null : body.data(), CurrentUsers.require());
        return ResponseEntity.noContent().build();
    }
}
