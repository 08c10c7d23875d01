package dev.flowdesk.mail.inbound;

import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.mail.outbound.Outbox.OutboxEntry;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mail driven by and driving the shipped processes, against GreenMail: a model's {@code notify} step mails through
 * the outbox, an approver decides by replying to the approval request, two auto-responders do not loop, and the
 * poller survives an IMAP outage without missing mail.
 */
class MailProcessesIT extends GreenMailEngineTest {

    @org.springframework.beans.factory.annotation.Autowired
    MailboxStatus status;


    @Autowired RuntimeService runtime;

    // ---- helpers ----------------------------------------------------------------------------------------------

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    List<OutboxEntry> outboxOf(long ticketId, String template) {
        return outbox.ofTicket(ticketId).stream().filter(o -> o.template().equals(template)).toList();
    }

    static MimeMessage sentWith(String recipient, String subjectPart) throws Exception {
        MimeMessage found = null;
        for (MimeMessage m : sentTo(recipient)) {
            if (m.getSubject().contains(subjectPart)) {
                assertThat(found).as("one mail to " + recipient + " with " + subjectPart).isNull();
                found = m;
            }
        }
        assertThat(found).as("mail to " + recipient + " with " + subjectPart).isNotNull();
        return found;
    }

    /** A plain text mail to the desk, as a mail client writes it (subject RFC 2047-encoded). */
    static byte[] mail(String from, String subject, String inReplyTo, String body, String... extraHeaders)
            throws Exception {
        StringBuilder raw = new StringBuilder()
                .append("From: ").append(from).append("\r\n")
                .append("To: ").append(DESK).append("\r\n")
                .append("Subject: ").append(MimeUtility.encodeText(subject, "UTF-8", "Q")).append("\r\n")
                .append("Date: Wed, 2 Dec 2026 10:00:00 +0000\r\n")
                .append("Message-ID: <proc-").append(N.incrementAndGet()).append("@sender.example>\r\n");
        if (inReplyTo != null) {
            raw.append("In-Reply-To: ").append(inReplyTo).append("\r\nReferences: ").append(inReplyTo).append("\r\n");
        }
        for (String header : extraHeaders) {
            raw.append(header).append("\r\n");
        }
        raw.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n").append(body.replace("\n", "\r\n"));
        return raw.toString().getBytes(StandardCharsets.UTF_8);
    }

    String openTask(long ticketId, String formKey) {
        String pid = jdbc.queryForObject("select process_instance_id from ticket where id = ?", String.class, ticketId);
        Set<String> instances = new HashSet<>(List.of(pid));
        runtime.createProcessInstanceQuery().superProcessInstanceId(pid).list().forEach(p -> instances.add(p.getId()));
        return tasks.createTaskQuery().initializeFormKeys().active().list().stream()
                .filter(t -> formKey.equals(t.getFormKey()) && instances.contains(t.getProcessInstanceId()))
                .map(org.camunda.bpm.engine.task.Task::getId).findFirst().orElse(null);
    }

    String status(long ticketId) {
        return jdbc.queryForObject("select status from ticket where id = ?", String.class, ticketId);
    }

    List<String> history(long ticketId, String type) {
        return jdbc.queryForList("select detail from audit_event where ticket_id = ? and type = ? order by id",
                String.class, ticketId, type);
    }

    long serviceRequest(String subject) {
        Response created = as("bob").post("/api/tickets", Map.of("type", "SERVICE_REQUEST",
                "subject", subject, "description", "Max starts on Monday", "requester", "alice",
                "impact", "MEDIUM", "urgency", "MEDIUM", "fields", Map.of("fulfilmentItems", List.of(
                        Map.of("subject", "Laptop for Max", "category", "hardware")))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body().get("ticketId").asLong();
    }

    // ---- the notify delegate ----------------------------------------------------------------------------------

    @Test
    void aP1IncidentsNotifyStepMailsTheMajorIncidentGroupThroughTheOutbox() throws Exception {
        // given: a P1 incident, whose model notifies the major-incident group (lena) in an asynchronous step
        Response created = as("bob").post("/api/tickets", Map.of("type", "INCIDENT",
                "subject", "Mail server down for everyone", "description", "Nobody receives mail since 8:00",
                "requester", "alice", "impact", "HIGH", "urgency", "HIGH"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.body().get("ticketId").asLong();

        // when: the step ran (the engine's job executor) and the sender job delivers
        await(() -> !outboxOf(id, "major-incident").isEmpty(), "the major-incident mail in the outbox");
        sender.sendDue();

        // then: lena got it, tagged, marked as automatic, with our Message-ID; the history says who was mailed
        String tag = threads.find(id).orElseThrow().tag();
        MimeMessage mail = sentWith("lena@example.com", tag);
        assertThat(mail.getSubject()).isEqualTo("Major incident: " + tag + " Mail server down for everyone");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getMessageID()).isEqualTo("<" + outboxOf(id, "major-incident").get(0).messageId() + ">")
                .endsWith("@flowdesk.test>");
        assertThat(mail.getContent().toString()).contains(jdbc.queryForObject(
                "select number from ticket where id = ?", String.class, id), "priority P1");
        assertThat(outboxOf(id, "major-incident")).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo("SENT"));
        assertThat(history(id, "NOTIFICATION")).anyMatch(d -> d.equals(
                "Notification 'major-incident' to major-incident"));
    }

    @Test
    void anUnknownTemplateIsRecordedAsNotSentAndTheProcessGoesOn() throws Exception {
        repository.createDeployment().addModelInstance("mail-unknown-template.bpmn",
                Bpmn.createExecutableProcess("mail-unknown-template").name("Unknown template")
                        .camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Opened").name("Opened")
                        .serviceTask("Task_Notify").name("Notify").camundaDelegateExpression("${notify}")
                        .camundaInputParameter("template", "no-such-template")
                        .camundaInputParameter("recipients", "requester")
                        .userTask("Task_Work").name("Work").camundaCandidateGroups("service-desk")
                        .endEvent("EndEvent_Done").name("Done").done()).deploy();
        CurrentUser alice = new CurrentUser("alice", "Alice", "alice@example.com", List.of(), Set.of(Role.USER), null);

        var opened = tickets.open(new NewTicket("INCIDENT", "WEB", "Unknown template", "", "alice", "LOW", "LOW",
                null, Map.of(), "mail-unknown-template"), alice, "service-desk");

        assertThat(tasks.createTaskQuery().processInstanceId(opened.processInstanceId()).singleResult().getName())
                .isEqualTo("Work");
        assertThat(history(opened.ticketId(), "NOTIFICATION")).containsExactly("Notification 'no-such-template' to "
                + "requester: no mail sent (there is no mail template 'no-such-template')");
        assertThat(outbox.ofTicket(opened.ticketId())).isEmpty();
    }

    // ---- approvals by mail ------------------------------------------------------------------------------------

    @Test
    void theApproverApprovesByReplyingToTheApprovalRequest() throws Exception {
        // given: a service request waiting for the service approvers (sam), who were asked by mail
        long id = serviceRequest("Starter kit for Max, by mail");
        assertThat(status(id)).isEqualTo("WAITING_APPROVAL");
        sender.sendDue();
        String tag = threads.find(id).orElseThrow().tag();
        MimeMessage request = sentWith("sam@example.com", tag);
        assertThat(request.getSubject()).startsWith("Approval requested: " + tag);
        assertThat(request.getContent().toString()).contains("APPROVE", "REJECT", tag);
        assertThat(request.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");

        // when: sam replies from his own address, APPROVE first, the rest his comment, the request quoted below
        deliver(mail("Sam Approver <sam@example.com>", "Re: " + request.getSubject(), request.getMessageID(),
                "APPROVE Standard kit, go ahead.\n\nOn Wed, 2 Dec 2026 Flowdesk wrote:\n> " + tag + " needs you\n"));
        MailboxPoller.PollResult result = poll();

        // then: the vote is cast as sam, through the approval checks, and the request moves on to fulfilment
        assertThat(result.read()).isEqualTo(1);
        assertThat(result.quarantined()).isZero();
        assertThat(status(id)).isEqualTo("IN_PROGRESS");
        assertThat(openTask(id, "formio:approve")).isNull();
        assertThat(jdbc.queryForMap("select approver, decision, comment from approval_decision where ticket_id = ?", id))
                .containsEntry("approver", "sam").containsEntry("decision", "APPROVE")
                .containsEntry("comment", "Standard kit, go ahead.");
        sender.sendDue();
        assertThat(outboxOf(id, "approval-reply-refused")).isEmpty();
    }

    @Test
    void aStrangersApproveAndAnApproversUnclearReplyChangeNothingAndAreExplained() throws Exception {
        long id = serviceRequest("Starter kit for Moritz, by mail");
        sender.sendDue();
        String tag = threads.find(id).orElseThrow().tag();
        MimeMessage request = sentWith("sam@example.com", tag);
        String task = openTask(id, "formio:approve");
        assertThat(task).isNotNull();

        // a stranger who got hold of the tag, and sam answering without a decision word
        deliver(mail("Mallory <mallory@elsewhere.example>", "Re: " + request.getSubject(), null, "APPROVE\n"));
        deliver(mail("sam@example.com", "Re: " + request.getSubject(), request.getMessageID(), "Looks fine to me\n"));
        // the requester, who is no approver, may not approve her own request by mail either
        deliver(mail("alice@example.com", "Re: " + request.getSubject(), request.getMessageID(), "GENEHMIGT\n"));
        // an out-of-office answer to the request is no vote and gets no answer
        deliver(mail("sam@example.com", "Automatic reply: " + request.getSubject(), request.getMessageID(),
                "I am away.\n", "Auto-Submitted: auto-replied"));
        MailboxPoller.PollResult result = poll();

        assertThat(result.read()).isEqualTo(4);
        assertThat(result.quarantined()).isZero();
        assertThat(openTask(id, "formio:approve")).isEqualTo(task);
        assertThat(status(id)).isEqualTo("WAITING_APPROVAL");
        assertThat(jdbc.queryForObject("select count(*) from approval_decision where ticket_id = ?", Integer.class, id))
                .isZero();
        assertThat(history(id, "MAIL_VOTE_REFUSED")).hasSize(3);
        sender.sendDue();
        assertThat(sentWith("mallory@elsewhere.example", tag).getContent().toString())
                .contains("does not belong to an approver");
        MimeMessage toSam = sentWith("sam@example.com", "did not decide");
        assertThat(toSam.getContent().toString()).contains("did not start with APPROVE or REJECT");
        assertThat(toSam.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(sentWith("alice@example.com", "did not decide").getContent().toString()).contains("not an approver");
        assertThat(outboxOf(id, "approval-reply-refused")).hasSize(3);
    }

    // ---- loops and outages ------------------------------------------------------------------------------------

    @Test
    void twoAutoRespondersExchangeAtMostOneMessageEach() throws Exception {
        // given: a responder on the other side that answers every mail it receives, marked as RFC 3834 asks
        String robot = "robot@vendor.example";
        Set<String> answered = new HashSet<>();
        int responderSent = 0;
        deliver(mail("Vendor Robot <" + robot + ">", "Your licence renewal", null, "Please renew your licence.\n"));

        // when: several rounds of poll → send → the responder answers what it got
        for (int round = 0; round < 4; round++) {
            poll();
            sender.sendDue();
            for (MimeMessage m : sentTo(robot)) {
                if (answered.add(m.getMessageID())) {
                    deliver(mail(robot, "Auto: " + m.getSubject(), m.getMessageID(),
                            "Thank you, your message has been received.\n", "Auto-Submitted: auto-replied"));
                    responderSent++;
                }
            }
        }

        // then: we acknowledged once, the responder answered that once, and its answer got nothing back
        assertThat(sentTo(robot)).hasSize(1);
        assertThat(responderSent).isEqualTo(1);
        long id = ticketBySubject("Your licence renewal");
        assertThat(articles(id)).hasSize(2);
        assertThat(outbox.ofTicket(id)).hasSize(1);
    }

    @Test
    void whileImapIsDownThePollerFailsAndTheNextPollReadsEverything() throws Exception {
        deliver(mail("olga@customer.example", "Before the IMAP outage", null, "one\n"));
        IMAP.off();
        try {
            deliver(mail("olga@customer.example", "During the IMAP outage", null, "two\n"));
            assertThatThrownBy(this::poll).isInstanceOf(jakarta.mail.MessagingException.class);
            // the Quartz job logs the failure and ends normally; its next run retries
            deskJob().executeInternal(null);
            assertThat(ticketsWithSubject("Before the IMAP outage")).isZero();
            // admins see the failed poll (and why) on the mail page
            assertThat(status.of(desk().id()))
                    .hasValueSatisfying(s -> assertThat(s.lastError()).isNotBlank());
        } finally {
            IMAP.on();
        }
        deliver(mail("olga@customer.example", "After the IMAP outage", null, "three\n"));

        deskJob().executeInternal(null);

        for (String subject : List.of("Before the IMAP outage", "During the IMAP outage", "After the IMAP outage")) {
            assertThat(ticketsWithSubject(subject)).as(subject).isEqualTo(1);
        }
        assertThat(status.of(desk().id()))
                .hasValueSatisfying(s -> assertThat(s.lastError()).isNull());
        assertThat(unseen()).isZero();
    }

    @Test
    void imapDyingInTheMiddleOfAPollLosesAndDuplicatesNothing() throws Exception {
        List<String> subjects = List.of("Cut mid-poll one", "Cut mid-poll two", "Cut mid-poll three");
        for (String subject : subjects) {
            deliver(mail("olga@customer.example", subject, null, "x".repeat(4000) + "\n"));
        }
        // the server stops after the greeting, login, select and part of the first messages
        IMAP.offAfter(6_000);
        try {
            deskJob().executeInternal(null);
            int created = subjects.stream().mapToInt(this::ticketsWithSubject).sum();
            assertThat(created).as("the poll was cut before it read every message").isLessThan(subjects.size());
        } finally {
            IMAP.on();
        }

        deskJob().executeInternal(null);

        for (String subject : subjects) {
            assertThat(ticketsWithSubject(subject)).as(subject).isEqualTo(1);
        }
        assertThat(jdbc.queryForObject("select count(*) from mail_quarantine where subject like 'Cut mid-poll%'",
                Integer.class)).isZero();
        assertThat(unseen()).isZero();
    }
}
