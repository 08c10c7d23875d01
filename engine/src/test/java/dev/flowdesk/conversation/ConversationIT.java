package dev.flowdesk.conversation;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies and internal notes: who sees what, and a requester's reply advancing a process that waits for it. */
class ConversationIT extends PostgresEngineTest {

    @Autowired
    TicketService tickets;
    @Autowired
    RepositoryService repository;
    @Autowired
    TaskService tasks;

    @Test
    void requestersNeverSeeInternalNotes() {
        ApiClient alice = as("alice");
        ApiClient bob = as("bob");
        long id = alice.post("/api/forms/report-incident/submissions", Map.of("data", Map.of(
                "subject", "Email bounces", "description", "All mails to partners bounce", "impact", "MEDIUM",
                "urgency", "MEDIUM"))).json("/ticketId").asLong();

        assertThat(alice.post("/api/tickets/" + id + "/articles", Map.of("body", "It started at 9:00")).status())
                .isEqualTo(201);
        assertThat(bob.post("/api/tickets/" + id + "/articles", Map.of("body", "Probably the relay; checking",
                "visibility", "INTERNAL")).status()).isEqualTo(201);
        assertThat(bob.post("/api/tickets/" + id + "/articles", Map.of("body", "We are on it.")).status())
                .isEqualTo(201);

        assertThat(bodies(alice.get("/api/tickets/" + id + "/conversation")))
                .containsExactly("It started at 9:00", "We are on it.");
        assertThat(bodies(bob.get("/api/tickets/" + id + "/conversation")))
                .containsExactly("It started at 9:00", "Probably the relay; checking", "We are on it.");

        Response note = alice.post("/api/tickets/" + id + "/articles", Map.of("body", "x", "visibility", "INTERNAL"));
        assertThat(note.status()).isEqualTo(403);
        assertThat(alice.post("/api/tickets/" + id + "/articles", Map.of("body", " ")).status()).isEqualTo(400);
        assertThat(as("frank").get("/api/tickets/" + id + "/conversation").status()).isEqualTo(404);
        assertThat(as("frank").post("/api/tickets/" + id + "/articles", Map.of("body", "hi")).status()).isEqualTo(404);

        List<String> history = new ArrayList<>();
        bob.get("/api/tickets/" + id + "/history").body().forEach(e -> history.add(e.get("type").asText()));
        assertThat(history).containsSubsequence("REPLY_ADDED", "NOTE_ADDED", "REPLY_ADDED");
        // the requester's history never quotes an internal note
        String alicesHistory = alice.get("/api/tickets/" + id + "/history").raw();
        assertThat(alicesHistory).contains("REPLY_ADDED").doesNotContain("NOTE_ADDED")
                .doesNotContain("Probably the relay");
    }

    @Test
    void aRequestersReplyAdvancesAProcessWaitingForIt() {
        repository.createDeployment().addModelInstance("wait-for-customer.bpmn",
                Bpmn.createExecutableProcess("wait-for-customer").camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Opened")
                        .intermediateCatchEvent("Event_CustomerReplied").message("CustomerReplied")
                        .userTask("Task_ReadReply").name("Read reply").camundaCandidateGroups("service-desk")
                        .endEvent().done()).deploy();
        CurrentUser alice = new CurrentUser("alice", "Alice", "alice@example.com", List.of(), Set.of(Role.USER), null);
        var opened = tickets.open(new NewTicket("INCIDENT", "WEB", "Need more info?", "", "alice", "LOW", "LOW",
                null, Map.of(), "wait-for-customer"), alice);
        assertThat(tasks.createTaskQuery().processInstanceId(opened.processInstanceId()).count()).isZero();

        // an agent's reply does not count as the customer's
        as("bob").post("/api/tickets/" + opened.ticketId() + "/articles", Map.of("body", "Which printer?"));
        assertThat(tasks.createTaskQuery().processInstanceId(opened.processInstanceId()).count()).isZero();

        Response reply = as("alice").post("/api/tickets/" + opened.ticketId() + "/articles",
                Map.of("body", "The one on floor 3"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(tasks.createTaskQuery().processInstanceId(opened.processInstanceId()).singleResult().getName())
                .isEqualTo("Read reply");
    }

    private static List<String> bodies(Response conversation) {
        List<String> bodies = new ArrayList<>();
        conversation.body().forEach(a -> bodies.add(a.get("body").asText()));
        return bodies;
    }
}
