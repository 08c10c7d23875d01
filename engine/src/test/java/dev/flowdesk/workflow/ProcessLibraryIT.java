package dev.flowdesk.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped process library with the real delegates, rules and forms on PostgreSQL, driven over HTTP as the users
 * would: a service request fulfilled by three real sub-tickets, a change through a 2-of-3 CAB vote with the four-eyes
 * rules, and a P1 incident whose resolution timer escalates it.
 */
class ProcessLibraryIT extends PostgresEngineTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManagementService management;
    @Autowired
    TaskService taskService;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aServiceRequestWithThreeItemsWaitsForItsThreeSubTickets() {
        // given: bob files a service request for alice with three fulfilment items
        Response created = as("bob").post("/api/tickets", Map.of("type", "SERVICE_REQUEST",
                "subject", "New starter kit for Max", "description", "Max starts on Monday", "requester", "alice",
                "impact", "MEDIUM", "urgency", "MEDIUM", "fields", Map.of("fulfilmentItems", List.of(
                        Map.of("subject", "Laptop for Max", "category", "hardware"),
                        Map.of("subject", "VPN access for Max", "category", "vpn"),
                        Map.of("subject", "Mailbox for Max", "category", "email")))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.body().get("ticketId").asLong();
        assertThat(ticket(id).get("status").asText()).isEqualTo("WAITING_APPROVAL");

        // when: the service approver approves (alice, the requester, is no approver at all)
        assertThat(as("alice").get("/api/approvals").status()).isEqualTo(403);
        JsonNode vote = approvalFor(as("sam"), id);
        assertThat(vote).as("sam sees the vote").isNotNull();
        assertThat(vote.get("approverGroup").asText()).isEqualTo("service-approvers");
        Response approved = as("sam").post("/api/approvals/" + vote.get("taskId").asText(),
                Map.of("decision", "APPROVE", "comment", "Standard kit"));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(204);

        // then: three real sub-tickets, each in its own queue, and the parent waits for them
        JsonNode parent = ticket(id);
        assertThat(parent.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(parent.get("children")).hasSize(3);
        List<Long> children = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        for (JsonNode child : parent.get("children")) {
            assertThat(child.get("status").asText()).isEqualTo("OPEN");
            children.add(child.get("ticketId").asLong());
            JsonNode detail = ticket(child.get("ticketId").asLong());
            assertThat(detail.get("parentId").asLong()).isEqualTo(id);
            assertThat(detail.get("processInstanceId").asText()).isNotEqualTo(parent.get("processInstanceId").asText());
            assertThat(detail.at("/sla/resolutionDue").asText()).isNotBlank();
            queues.add(detail.get("queue").asText());
        }
        assertThat(queues).containsExactly("field-service", "network", "service-desk");
        assertThat(jdbc.queryForObject("select count(*) from ticket where parent_id = ?", Long.class, id)).isEqualTo(3);

        completeSubTicket(as("frank"), children.get(0));
        completeSubTicket(as("frank"), children.get(1));
        assertThat(ticket(id).get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(ticket(id).at("/currentActivities/0/id").asText()).isEqualTo("CallActivity_FulfilItems");

        completeSubTicket(as("bob"), children.get(2));

        // the last child releases the join; the requester is notified (asynchronously) and the request closes
        await(() -> "CLOSED".equals(ticket(id).get("status").asText()), "parent closes");
        assertThat(ticket(id).get("children")).allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("CLOSED"));
        assertThat(historyTypes(id)).containsSubsequence("CREATED", "APPROVERS_DETERMINED", "STATUS_CHANGED",
                "APPROVAL_DECIDED", "SUB_TICKET_OPENED", "SUB_TICKET_OPENED", "SUB_TICKET_OPENED", "STATUS_CHANGED",
                "NOTIFICATION", "STATUS_CHANGED");
        assertThat(statuses(id)).containsExactly("WAITING_APPROVAL", "IN_PROGRESS", "RESOLVED", "CLOSED");
        assertThat(statuses(children.get(0))).containsExactly("OPEN", "CLOSED");
        assertThat(jdbc.queryForObject("select approver from approval_decision where ticket_id = ?", String.class, id))
                .isEqualTo("sam");
    }

    @Test
    void aChangeNeedsTwoOfThreeCabVotesAndNeitherRequesterNorImplementerMayVote() {
        // given: carol (a CAB member) requests a normal change that chris (also CAB) will implement
        Response created = as("bob").post("/api/tickets", Map.of("type", "CHANGE",
                "subject", "Upgrade core switch firmware", "description", "Vendor advisory 2030-07", "requester", "carol",
                "impact", "MEDIUM", "urgency", "MEDIUM", "fields", Map.of("changeType", "normal", "implementer", "chris",
                        "implementationTasks", List.of(Map.of("subject", "Upgrade switch A", "category", "network"),
                                Map.of("subject", "Upgrade switch B", "category", "network")))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.body().get("ticketId").asLong();
        JsonNode assess = taskFor(as("bob"), id);
        assertThat(assess.get("taskDefinitionKey").asText()).isEqualTo("Task_AssessChange");
        assertThat(as("bob").get("/api/tasks/" + assess.get("id").asText() + "/form").body()
                .at("/data/implementer").asText()).isEqualTo("chris");
        complete(as("bob"), assess, Map.of("changeType", "normal", "risk", "medium", "implementer", "chris"));
        assertThat(ticket(id).get("status").asText()).isEqualTo("WAITING_APPROVAL");

        // the requester is refused, with a clear reason, and so is the implementer
        JsonNode carolsView = approvalFor(as("carol"), id);
        assertThat(carolsView.get("mayDecide").asBoolean()).isFalse();
        assertThat(carolsView.get("approverCount").asInt()).isEqualTo(3);
        assertThat(carolsView.get("approvalsRequired").asInt()).isEqualTo(2);
        Response byRequester = as("carol").post("/api/approvals/" + carolsView.get("taskId").asText(),
                Map.of("decision", "APPROVE"));
        assertThat(byRequester.status()).isEqualTo(403);
        assertThat(byRequester.contentType()).startsWith("application/problem+json");
        assertThat(byRequester.body().get("detail").asText()).contains("Four-eyes").contains("you requested");

        JsonNode chrisVote = approvalFor(as("chris"), id);
        Response byImplementer = as("chris").post("/api/approvals/" + chrisVote.get("taskId").asText(),
                Map.of("decision", "APPROVE"));
        assertThat(byImplementer.status()).isEqualTo(403);
        assertThat(byImplementer.body().get("detail").asText()).contains("implementer");
        // nor can the implementer go round it through the task API
        Response viaTasks = as("chris").post("/api/tasks/" + chrisVote.get("taskId").asText() + "/complete",
                Map.of("data", Map.of("decision", "APPROVE")));
        assertThat(viaTasks.status()).as(viaTasks.raw()).isEqualTo(403);
        assertThat(ticket(id).get("assignee").asText()).as("the refused claim was rolled back").isEqualTo("bob");

        // when: cleo approves, tries to vote twice, and dave approves
        String cleosTask = approvalFor(as("cleo"), id).get("taskId").asText();
        assertThat(as("cleo").post("/api/approvals/" + cleosTask, Map.of("decision", "APPROVE", "comment", "ok"))
                .status()).isEqualTo(204);
        assertThat(ticket(id).get("status").asText()).isEqualTo("WAITING_APPROVAL");
        Response twice = as("cleo").post("/api/approvals/" + approvalFor(as("cleo"), id).get("taskId").asText(),
                Map.of("decision", "APPROVE"));
        assertThat(twice.status()).isEqualTo(403);
        assertThat(twice.body().get("detail").asText()).contains("already voted");
        assertThat(as("dave").post("/api/approvals/" + approvalFor(as("dave"), id).get("taskId").asText(),
                Map.of("decision", "APPROVE")).status()).isEqualTo(204);

        // then: two of three reached, the third vote is withdrawn, the change is scheduled
        assertThat(approvalFor(as("carol"), id)).isNull();
        assertThat(ticket(id).get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(jdbc.queryForList("select approver from approval_decision where ticket_id = ? order by id",
                String.class, id)).containsExactly("cleo", "dave");

        // and it runs to the end: schedule, two implementation sub-tickets, review
        complete(as("bob"), taskFor(as("bob"), id), Map.of("plannedWindow", "Saturday 06:00-08:00"));
        JsonNode change = ticket(id);
        assertThat(change.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(change.get("children")).hasSize(2);
        for (JsonNode child : change.get("children")) {
            completeSubTicket(as("frank"), child.get("ticketId").asLong());
        }
        JsonNode review = taskFor(as("bob"), id);
        assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("Task_ReviewChange");
        complete(as("bob"), review, Map.of("resolution", "Both switches upgraded, no incidents"));
        assertThat(statuses(id)).containsExactly("OPEN", "WAITING_APPROVAL", "SCHEDULED", "IN_PROGRESS", "REVIEW",
                "CLOSED");
        assertThat(historyTypes(id).stream().filter("APPROVAL_DECIDED"::equals).count()).isEqualTo(2);
    }

    @Test
    void aP1IncidentEscalatesWhenItsResolutionTimerFires() {
        // given: a P1 incident (high impact, high urgency) in the network queue
        Response created = as("bob").post("/api/tickets", Map.of("type", "INCIDENT",
                "subject", "Core router down, whole office offline", "description", "No network since 9:00",
                "requester", "alice", "impact", "HIGH", "urgency", "HIGH", "category", "network"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.body().get("ticketId").asLong();
        JsonNode incident = ticket(id);
        assertThat(incident.get("priority").asText()).isEqualTo("P1");
        assertThat(incident.get("status").asText()).isEqualTo("OPEN");
        String pid = incident.get("processInstanceId").asText();

        // the major-incident path runs beside the work: the group is told, a problem candidate is opened and linked
        await(() -> ticket(id).get("links").size() == 1, "problem candidate linked");
        JsonNode link = ticket(id).get("links").get(0);
        assertThat(link.get("type").asText()).isEqualTo("PROBLEM_CANDIDATE");
        assertThat(as("admin").get("/api/tickets/" + link.get("ticketId").asLong()).body().get("type").asText())
                .isEqualTo("PROBLEM");
        assertThat(historyDetails(id)).anyMatch(d -> d.contains("'major-incident' to major-incident"));

        // when: the clock passes the resolution due date and the timer job runs
        Job timer = management.createJobQuery().processInstanceId(pid).activityId("Timer_ResolutionDue").singleResult();
        // the timer holds the due date in milliseconds (a java.util.Date variable), the ticket in microseconds: the
        // two agree to the millisecond (they differ below it whenever the ticket opens inside business hours)
        assertThat(timer.getDuedate().toInstant()).isEqualTo(incident.at("/sla/resolutionDue").asText().isEmpty()
                ? null : java.time.Instant.parse(incident.at("/sla/resolutionDue").asText())
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 60_000));
        try {
            management.executeJob(timer.getId());
        } catch (RuntimeException raceWithTheJobExecutor) {
            // the engine's own job executor may run the now-due timer first; either way it runs once
        }
        await(() -> historyTypes(id).contains("ESCALATED"), "escalated");

        // then: escalated in the history, offered to the escalation group, still being worked
        assertThat(historyDetails(id)).anyMatch(d -> d.contains("'escalation' to service-desk-leads"));
        JsonNode lenasTask = taskFor(as("lena"), id);
        assertThat(lenasTask).as("the escalation group sees the task").isNotNull();
        assertThat(lenasTask.get("taskDefinitionKey").asText()).isEqualTo("Task_ResolveIncident");
        assertThat(as("lena").get("/api/tickets/" + id).status()).as("and may read the ticket it is working on")
                .isEqualTo(200);
        assertThat(as("carol").get("/api/tickets/" + id).status()).isEqualTo(404);
        assertThat(ticket(id).get("status").asText()).isEqualTo("OPEN");
        assertThat(ticket(id).get("priority").asText()).isEqualTo("P1");
    }

    // ---------------------------------------------------------------- helpers

    JsonNode ticket(long id) {
        Response response = as("admin").get("/api/tickets/" + id);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    List<String> historyTypes(long id) {
        List<String> types = new ArrayList<>();
        as("admin").get("/api/tickets/" + id + "/history").body().forEach(e -> types.add(e.get("type").asText()));
        return types;
    }

    List<String> historyDetails(long id) {
        List<String> details = new ArrayList<>();
        as("admin").get("/api/tickets/" + id + "/history").body().forEach(e -> details.add(e.get("detail").asText()));
        return details;
    }

    List<String> statuses(long id) {
        List<String> statuses = new ArrayList<>();
        as("admin").get("/api/tickets/" + id + "/history").body().forEach(e -> {
            if (e.get("type").asText().equals("STATUS_CHANGED")) {
                statuses.add(e.at("/after/status").asText());
            }
        });
        return statuses;
    }

    static JsonNode approvalFor(ApiClient user, long ticketId) {
        Response response = user.get("/api/approvals");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        for (JsonNode approval : response.body().get("items")) {
            if (approval.at("/ticket/id").asLong() == ticketId) {
                return approval;
            }
        }
        return null;
    }

    static JsonNode taskFor(ApiClient user, long ticketId) {
        for (JsonNode task : user.get("/api/tasks").body().get("items")) {
            if (task.at("/ticket/id").asLong() == ticketId) {
                return task;
            }
        }
        return null;
    }

    static void complete(ApiClient user, JsonNode task, Map<String, Object> data) {
        assertThat(task).isNotNull();
        Response response = user.post("/api/tasks/" + task.get("id").asText() + "/complete", Map.of("data", data));
        assertThat(response.status()).as(response.raw()).isEqualTo(204);
    }

    static void completeSubTicket(ApiClient agent, long childId) {
        JsonNode task = taskFor(agent, childId);
        assertThat(task).as("sub-ticket task of " + childId).isNotNull();
        assertThat(task.get("formKey").asText()).isEqualTo("complete-subticket");
        complete(agent, task, Map.of("outcome", "DONE", "resolution", "Done for " + childId));
    }

    static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
