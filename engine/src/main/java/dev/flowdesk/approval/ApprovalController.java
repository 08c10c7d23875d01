package dev.flowdesk.approval;

import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import dev.flowdesk.web.PageResponse;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code /api/approvals}: the approver's inbox and decisions (four-eyes rules enforced by the service). */
@RestController
@RequestMapping("/api/approvals")
class ApprovalController {

    private final ApprovalService approvals;

    ApprovalController(ApprovalService approvals) {
        this.approvals = approvals;
    }

    record Decision(String decision, String comment) {
    }

    @GetMapping
    PageResponse<ApprovalService.PendingApproval> pending(@RequestParam(defaultValue = "0") int page,
                                                          @RequestParam(defaultValue = "50") int size) {
        return PageResponse.slice(approvals.pending(CurrentUsers.require()), page, size);
    }

    @PostMapping("/{taskId}")
    ResponseEntity<Void> decide(@PathVariable String taskId, @RequestBody Decision body) {
        approvals.decide(taskId, body == null ? null : body.decision(), body == null ? null : body.comment(),
                CurrentUsers.require());
        return ResponseEntity.noContent().build();
    }
}
