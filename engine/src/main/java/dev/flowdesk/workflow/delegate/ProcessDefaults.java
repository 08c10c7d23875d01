package dev.flowdesk.workflow.delegate;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code flowdesk.processes.*}: the values the shipped models read by name rather than as constants
 * ({@code ${approvalDue}}, {@code ${escalationGroup}}), so that an installation changes them without redeploying BPMN.
 * They are <em>not</em> written into every process instance (nine variable rows and nine history rows per ticket,
 * most of them never read): expressions find them after the process variables, so a variable of the same name given
 * at start still wins, and delegates read them through {@link #variableOr}. A changed setting therefore applies to
 * running tickets at their next timer or task, not only to new ones. Durations are ISO-8601 as BPMN timers read them.
 *
 * @param autoCloseAfter         a resolved incident closes itself when the requester neither confirms nor replies
 * @param customerReminderAfter  a ticket waiting for the customer sends a reminder after this
 * @param customerAutoCloseAfter a ticket waiting for the customer closes after this without reply
 * @param approvalDue            an undecided approval escalates to the deputies after this
 * @param emergencyApprovalDue   the same for the emergency CAB
 * @param noDueDate              how far away a due date is when the rules gave none (timers need a date)
 * @param deputyGroup            who decides when approvers do not
 * @param escalationGroup        who takes over overdue work
 * @param majorIncidentGroup     who is told about a P1
 * @param changeManagerGroup     who assesses and schedules changes
 */
@ConfigurationProperties("flowdesk.processes")
public record ProcessDefaults(String autoCloseAfter, String customerReminderAfter, String customerAutoCloseAfter,
                              String approvalDue, String emergencyApprovalDue, Duration noDueDate, String deputyGroup,
                              String escalationGroup, String majorIncidentGroup, String changeManagerGroup) {

    public ProcessDefaults {
        autoCloseAfter = or(autoCloseAfter, "P5D");
        customerReminderAfter = or(customerReminderAfter, "P3D");
        customerAutoCloseAfter = or(customerAutoCloseAfter, "P10D");
        approvalDue = or(approvalDue, "P2D");
        emergencyApprovalDue = or(emergencyApprovalDue, "PT4H");
        noDueDate = noDueDate == null ? Duration.ofDays(365) : noDueDate;
        deputyGroup = or(deputyGroup, "cab-deputies");
        escalationGroup = or(escalationGroup, "service-desk-leads");
        majorIncidentGroup = or(majorIncidentGroup, "major-incident");
        changeManagerGroup = or(changeManagerGroup, "service-desk");
    }

    /** Setting name → value, as expressions read them (after the process variables). */
    public Map<String, Object> constants() {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("autoCloseAfter", autoCloseAfter);
        vars.put("customerReminderAfter", customerReminderAfter);
        vars.put("customerAutoCloseAfter", customerAutoCloseAfter);
        vars.put("approvalDue", approvalDue);
        vars.put("emergencyApprovalDue", emergencyApprovalDue);
        vars.put("deputyGroup", deputyGroup);
        vars.put("escalationGroup", escalationGroup);
        vars.put("majorIncidentGroup", majorIncidentGroup);
        vars.put("changeManagerGroup", changeManagerGroup);
        return vars;
    }

    /** The process variable {@code name}, or this setting of the same name when the process has none. */
    public Object variableOr(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value != null ? value : constants().get(name);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
