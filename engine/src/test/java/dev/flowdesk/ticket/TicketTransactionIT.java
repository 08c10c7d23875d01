package dev.flowdesk.ticket;

import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One transaction per user action: when the process start fails, no ticket row and no audit event remain. */
class TicketTransactionIT extends PostgresEngineTest {

    @Autowired
    TicketService tickets;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void failingProcessStartLeavesNoTicketAndNoAuditEvent() {
        // given: a process whose first step calls a delegate that does not exist
        BpmnModelInstance broken = Bpmn.createExecutableProcess("broken-start").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Broken").serviceTask("Task_Explodes").camundaDelegateExpression("${noSuchBean}")
                .endEvent().done();
        repository.createDeployment().addModelInstance("broken-start.bpmn", broken).deploy();
        long ticketsBefore = count("ticket");
        long auditBefore = count("audit_event");
        long instancesBefore = count("act_ru_execution");
        CurrentUser bob = new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
                Set.of(Role.USER, Role.AGENT), null);

        // when: opening a ticket with it
        assertThatThrownBy(() -> tickets.open(new NewTicket("INCIDENT", "API", "Doomed", "", "bob", "LOW", "LOW",
                null, Map.of(), "broken-start"), bob)).hasMessageContaining("noSuchBean");

        // then: nothing of it was committed
        assertThat(count("ticket")).isEqualTo(ticketsBefore);
        assertThat(count("audit_event")).isEqualTo(auditBefore);
        assertThat(count("act_ru_execution")).isEqualTo(instancesBefore);
    }

    @Test
    void aProcessThatIsNotDeployedOrSuspendedNamesTheTypeAndLeavesNothing() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("suspended-start").camundaHistoryTimeToLive(1)
                .startEvent().userTask().camundaCandidateGroups("service-desk").endEvent().done();
        repository.createDeployment().addModelInstance("suspended-start.bpmn", model).deploy();
        repository.suspendProcessDefinitionByKey("suspended-start");
        long ticketsBefore = count("ticket");
        long auditBefore = count("audit_event");
        CurrentUser bob = new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
                Set.of(Role.USER, Role.AGENT), null);

        for (String process : List.of("suspended-start", "never-deployed-start")) {
            assertThatThrownBy(() -> tickets.open(new NewTicket("INCIDENT", "API", "Nowhere to go", "", "bob", "LOW",
                    "LOW", null, Map.of(), process), bob))
                    .isInstanceOfSatisfying(dev.flowdesk.error.DomainException.class, refusal -> assertThat(refusal)
                            .hasMessageContaining("no active process '" + process + "' is deployed for INCIDENT"));
        }

        assertThat(count("ticket")).isEqualTo(ticketsBefore);
        assertThat(count("audit_event")).isEqualTo(auditBefore);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
