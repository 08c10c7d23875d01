package dev.flowdesk.approval;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface ApprovalDecisionRepository extends JpaRepository<ApprovalDecision, Long> {

    boolean existsByProcessInstanceIdAndApprover(String processInstanceId, String approver);

    List<ApprovalDecision> findByTicketIdOrderByDecidedAtAscIdAsc(Long ticketId);
}
