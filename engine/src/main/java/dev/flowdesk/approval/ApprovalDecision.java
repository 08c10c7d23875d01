package dev.flowdesk.approval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One approver's decision in one approval (an instance of approval.bpmn). Append-only. */
@Entity
@Immutable
@Table(name = "approval_decision")
class ApprovalDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "approval_decision_id")
    @SequenceGenerator(name = "approval_decision_id", sequenceName = "approval_decision_id_seq", allocationSize = 50)
    private Long id;
    @Column(name = "ticket_id", nullable = false)
    private Long ticketId;
    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;
    @Column(name = "task_id", nullable = false, length = 64)
    private String taskId;
    @Column(nullable = false, length = 254)
    private String approver;
    @Column(nullable = false, length = 10)
    private String decision;
    @Column(length = 5000)
    private String comment;
    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected ApprovalDecision() {
    }

    ApprovalDecision(Long ticketId, String processInstanceId, String taskId, String approver, String decision,
                     String comment, Instant decidedAt) {
        this.ticketId = ticketId;
        this.processInstanceId = processInstanceId;
        this.taskId = taskId;
        this.approver = approver;
        this.decision = decision;
        this.comment = comment;
        this.decidedAt = decidedAt;
    }

    Long getTicketId() { return ticketId; }
    String getProcessInstanceId() { return processInstanceId; }
    String getTaskId() { return taskId; }
    String getApprover() { return approver; }
    String getDecision() { return decision; }
    String getComment() { return comment; }
    Instant getDecidedAt() { return decidedAt; }
}
