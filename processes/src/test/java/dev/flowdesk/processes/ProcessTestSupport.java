package dev.flowdesk.processes;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the model tests: the in-memory engine, a fixed clock, the start variables the Flowdesk engine sets for
 * every ticket process, and test doubles for every delegate bean the shipped models name. Each double records what
 * it was called with, so tests assert on the side effects the model asks for.
 */
abstract class ProcessTestSupport {

    @RegisterExtension
    ProcessEngineExtension engine = TestEngine.extension();

    static final Instant T0 = Instant.parse("2030-03-04T09:00:00Z");

    /** Bean names the shipped models use, each replaced by a recording double. */
    static final List<String> DELEGATES = List.of("notify", "openLinkedTicket", "routeTicket", "escalateTicket",
            "escalateApproval", "openSubTicket", "determineApprovers", "planSubTickets", "summarizeSubTickets",
            "loadTicketFields", "publishKnownError", "resolveLinkedIncidents");

    /** One call of a double: the activity it ran in and the variables it saw (local inputs included). */
    record Call(String bean, String activityId, String processDefinitionKey, Map<String, Object> variables) {
    }

    final List<Call> calls = new ArrayList<>();
    final Map<String, Consumer<DelegateExecution>> behaviour = new HashMap<>();
    final List<String> recordedDecisions = new ArrayList<>();

    ProcessEngine processEngine() {
        return engine.getProcessEngine();
    }

    @BeforeEach
    void registerDoubles() {
        ClockUtil.setCurrentTime(Date.from(T0));
        for (String bean : DELEGATES) {
            Mocks.register(bean, (JavaDelegate) execution -> {
                calls.add(new Call(bean, execution.getCurrentActivityId(),
                        processEngine().getRepositoryService().getProcessDefinition(execution.getProcessDefinitionId())
                                .getKey(), new HashMap<>(execution.getVariables())));
                Consumer<DelegateExecution> action = behaviour.get(bean);
                if (action != null) {
                    action.accept(execution);
                }
            });
        }
        Mocks.register("recordApproval", (TaskListener) task ->
                recordedDecisions.add(task.getAssignee() + ":" + task.getVariable("decision")));
    }

    @AfterEach
    void resetDoubles() {
        Mocks.reset();
        ClockUtil.reset();
    }

    /** What TicketService and the engine's process defaults put into every ticket process at start. */
    static Map<String, Object> ticket(long id, String type, String queue, String priority) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("ticketId", id);
        vars.put("ticketNumber", String.format("FD-%06d", id));
        vars.put("ticketType", type);
        vars.put("queue", queue);
        vars.put("priority", priority);
        vars.put("requester", "alice");
        vars.put("firstResponseDue", Date.from(T0.plus(Duration.ofHours(4))));
        vars.put("resolutionDue", Date.from(T0.plus(Duration.ofDays(2))));
        vars.put("autoCloseAfter", "P5D");
        vars.put("customerReminderAfter", "P2D");
        vars.put("customerAutoCloseAfter", "P10D");
        vars.put("approvalDue", "P2D");
        vars.put("emergencyApprovalDue", "PT4H");
        vars.put("deputyGroup", "cab-deputies");
        vars.put("escalationGroup", "service-desk-leads");
        vars.put("majorIncidentGroup", "major-incident");
        vars.put("changeManagerGroup", "change-managers");
        return vars;
    }

    ProcessInstance start(String key, Map<String, Object> vars) {
        return processEngine().getRuntimeService()
                .startProcessInstanceByKey(key, String.valueOf(vars.get("ticketId")), vars);
    }

    List<Call> callsOf(String bean) {
        return calls.stream().filter(c -> c.bean().equals(bean)).toList();
    }

    /** The timer job of this boundary or catch event in the instance; fails when there is none. */
    Job timer(ProcessInstance pi, String activityId) {
        Job job = processEngine().getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId(activityId).timers().singleResult();
        assertThat(job).as("timer " + activityId).isNotNull();
        return job;
    }

    /** Moves the clock just past the timer's due date, checks that the job became due, and runs it. */
    void fireTimer(ProcessInstance pi, String activityId) {
        Job job = timer(pi, activityId);
        ClockUtil.setCurrentTime(new Date(job.getDuedate().getTime() + 1000));
        assertThat(processEngine().getManagementService().createJobQuery().jobId(job.getId()).executable().count())
                .as("timer " + activityId + " is due after moving the clock").isEqualTo(1);
        processEngine().getManagementService().executeJob(job.getId());
    }

    /** Runs every due asynchronous continuation (notify, publish ...) of the instance, not timers. */
    void runAsyncJobs(ProcessInstance pi) {
        List<Job> jobs;
        while (!(jobs = processEngine().getManagementService().createJobQuery().processInstanceId(pi.getId())
                .messages().list()).isEmpty()) {
            jobs.forEach(j -> processEngine().getManagementService().executeJob(j.getId()));
        }
    }

    List<Task> tasks(ProcessInstance pi) {
        return processEngine().getTaskService().createTaskQuery().processInstanceId(pi.getId()).list();
    }

    ProcessInstance calledInstance(ProcessInstance parent, String key) {
        return processEngine().getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(parent.getId())
                .processDefinitionKey(key).singleResult();
    }

    List<ProcessInstance> calledInstances(ProcessInstance parent, String key) {
        return processEngine().getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(parent.getId())
                .processDefinitionKey(key).list();
    }

    /** Decides one open approval task of the approval fragment as this user. */
    void decide(Task task, String user, String decision, String comment) {
        processEngine().getTaskService().claim(task.getId(), user);
        Map<String, Object> vars = new HashMap<>();
        vars.put("decision", decision);
        vars.put("comment", comment);
        processEngine().getTaskService().complete(task.getId(), vars);
    }

    @SuppressWarnings("unchecked")
    <T> T variable(ProcessInstance pi, String name) {
        return (T) processEngine().getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId()).variableName(name).singleResult().getValue();
    }
}
