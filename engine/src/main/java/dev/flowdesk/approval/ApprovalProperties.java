package dev.flowdesk.approval;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flowdesk.approvals.*}: how many approvers vote and how many must approve.
 *
 * @param cabSize              votes in a normal change's CAB approval (M)
 * @param cabQuorum            approvals it needs (N of M)
 * @param emergencyGroup       who forms the emergency CAB
 * @param emergencySize        votes in an emergency CAB approval
 * @param emergencyQuorum      approvals it needs
 * @param defaultApproverGroup approvers of a ticket type when the rules name none
 */
@ConfigurationProperties("flowdesk.approvals")
record ApprovalProperties(Integer cabSize, Integer cabQuorum, String emergencyGroup, Integer emergencySize,
                          Integer emergencyQuorum, String defaultApproverGroup) {

    ApprovalProperties {
        cabSize = cabSize == null ? 3 : cabSize;
        cabQuorum = cabQuorum == null ? 2 : cabQuorum;
        emergencyGroup = emergencyGroup == null ? "change-advisory-board" : emergencyGroup;
        emergencySize = emergencySize == null ? 1 : emergencySize;
        emergencyQuorum = emergencyQuorum == null ? 1 : emergencyQuorum;
        defaultApproverGroup = defaultApproverGroup == null ? "service-approvers" : defaultApproverGroup;
        if (cabQuorum < 1 || cabQuorum > cabSize || emergencyQuorum < 1 || emergencyQuorum > emergencySize) {
            throw new IllegalArgumentException("flowdesk.approvals: a quorum must be between 1 and the number of votes");
        }
    }
}
