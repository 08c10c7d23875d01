package dev.flowdesk.mail.inbound;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flowdesk.PostgresEngineTest;
import dev.flowdesk.mail.MailBounces;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.MailThreads;
import dev.flowdesk.mail.outbound.Outbox;
import dev.flowdesk.mail.outbound.OutboxSender;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketService;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail channel end to end against GreenMail as the real IMAP and SMTP server: the corpus under
 * {@code src/test/resources/mail} goes into the mailbox, the poller reads it, and the tests assert what was created
 * (or not), that the poller went on, and what went out by SMTP.
 */
class MailInboundIT extends GreenMailEngineTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    // ---- tests ------------------------------------------------------------------------------------------------

    @Test
    void aNewMailOpensATicketAndTheAcknowledgementCarriesTagAutoSubmittedAndMessageId() throws Exception {
        deliver("plain.eml");

        MailboxPoller.PollResult result = poll();

        assertThat(result.created()).isEqualTo(1);
        assertThat(unseen()).isZero();
        long id = ticketBySubject("Printer on floor 3 is jammed");
        Map<String, Object> ticket = jdbc.queryForMap("select * from ticket where id = ?", id);
        assertThat(ticket).containsEntry("channel", "EMAIL").containsEntry("requester", "paula@customer.example")
                .containsEntry("queue", "service-desk");
        assertThat(articles(id)).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("channel", "MAIL").containsEntry("to_addresses", DESK);
            assertThat((String) a.get("from_address")).isEqualTo("Paula Plain <paula@customer.example>");
        });
        var conversation = as("admin").get("/api/tickets/" + id + "/conversation");
        assertThat(conversation.json("/0/channel").asText()).isEqualTo("MAIL");
        assertThat(conversation.json("/0/to/0").asText()).isEqualTo(DESK);

        assertThat(sender.sendDue()).isGreaterThanOrEqualTo(1);

        String tag = threads.find(id).orElseThrow().tag();
        MimeMessage ack = null;
        for (MimeMessage m : sentTo("paula@customer.example")) {
            if (m.getSubject().contains(tag)) {
                ack = m;
            }
        }
        assertThat(ack).isNotNull();
        String ackMessageId = ack.getMessageID();
        assertThat(tag).matches("\\[FD-\\d{6}·[a-z2-9]{4}]");
        assertThat(ack.getSubject()).startsWith(tag);
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getMessageID()).endsWith("@flowdesk.test>");
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo("<plain-1@customer.example>");
        assertThat(outbox.ofTicket(id)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo("SENT");
            assertThat("<" + o.messageId() + ">").isEqualTo(ackMessageId);
        });

        // --- replies thread into the ticket: by tag, then by References only
        deliver(corpus("reply-by-tag.eml", Map.of("tag", tag)));
        String ackId = ack.getMessageID().replaceAll("[<>]", "");
        assertThat(ack.getHeader("References", null)).isEqualTo("<plain-1@customer.example>");
        deliver(corpus("reply-by-references.eml", Map.of("inReplyTo", ackId)));
        // a wrong token is no tag: a new ticket; a stranger with the right tag: a new ticket linked to the first
        String number = (String) ticket.get("number");
        deliver(corpus("wrong-token.eml", Map.of("number", number)));
        deliver(corpus("stranger-reply.eml", Map.of("tag", tag)));
        // an out-of-office answer is appended, but never answered
        deliver(corpus("outlook-autoreply.eml", Map.of("tag", tag)));

        result = poll();

        assertThat(result.appended()).isEqualTo(3);
        assertThat(result.created()).isEqualTo(2);
        assertThat(articles(id)).extracting(a -> (String) a.get("body")).containsExactly(
                (String) articles(id).get(0).get("body"), "It works again after restarting it.\n\n> quoted text of your acknowledgement",
                "One more detail: it is the HP in room 3.14.", "I am out of the office until Monday.");
        assertThat(ticketsWithSubject("Re: [" + number + "·zzzz] guessing a ticket number")).isEqualTo(1);
        long strangers = ticketBySubject("Re: " + tag + " Printer on floor 3 is jammed");
        assertThat(jdbc.queryForObject("select requester from ticket where id = ?", String.class, strangers))
                .isEqualTo("mallory@elsewhere.example");
        assertThat(jdbc.queryForObject("select count(*) from ticket_link where from_ticket_id = ? and to_ticket_id = ?",
                Integer.class, strangers, id)).isEqualTo(1);
        sender.sendDue();
        // replies by the requester and the vacation notice got no automatic answer; the two new tickets did
        assertThat(outbox.ofTicket(id)).hasSize(1);
        assertThat(outbox.ofTicket(strangers)).singleElement()
                .satisfies(o -> assertThat(o.recipient()).isEqualTo("mallory@elsewhere.example"));
    }

    @Test
    void aReplyInTheSamePollAsTheMailItAnswersWaitsForItsTicketWhileUnrelatedMailsRunBesideIt() throws Exception {
        // Lanes (flowdesk.mail.ingest-threads, 4 here): twelve unrelated mails run side by side, but the copied
        // colleague's reply names the opening mail in In-Reply-To, so it stays behind it and joins its ticket.
        String open = "lane-open-" + N.incrementAndGet() + "@customer.example";
        deliver(("From: Carl Copy <carl@customer.example>\r\nTo: help@flowdesk.test\r\n"
                + "Cc: colleague@customer.example\r\nSubject: Beamer in room 7 broken\r\nMessage-ID: <" + open + ">\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNo picture.\r\n")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 12; i++) {
            deliver(("From: user" + i + "@lanes.example\r\nTo: help@flowdesk.test\r\nSubject: Lane test " + i
                    + "\r\nMessage-ID: <lane-" + i + "-" + N.incrementAndGet() + "@lanes.example>\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nText " + i + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        deliver(("From: colleague@customer.example\r\nTo: help@flowdesk.test\r\nSubject: Re: Beamer in room 7 broken"
                + "\r\nMessage-ID: <lane-reply-" + N.incrementAndGet() + "@customer.example>\r\nIn-Reply-To: <" + open
                + ">\r\nReferences: <" + open + ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8"
                + "\r\n\r\nAlso no sound.\r\n").getBytes(StandardCharsets.UTF_8));

        MailboxPoller.PollResult result = poll();
        assertThat(result.read()).isEqualTo(14);
        assertThat(result.created()).isEqualTo(13);
        assertThat(result.appended()).isEqualTo(1);
        long id = ticketBySubject("Beamer in room 7 broken");
        assertThat(articles(id)).hasSize(2);
        for (int i = 0; i < 12; i++) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket WHERE subject = ?", Integer.class,
                    "Lane test " + i)).as("Lane test " + i).isEqualTo(1);
        }
        assertThat(unseen()).isZero();
    }

    @Test
    void aPollOfMoreMailsThanOneStoreFlagsEachCommittedMailOnceWhileTheLanesRun() throws Exception {
        // 120 unrelated mails in one poll (batch 200): the lanes run the whole batch, and committed mails are flagged
        // \Seen in STOREs of 50 while the others still run; every mail opens exactly one ticket.
        String run = "flag-" + N.incrementAndGet();
        for (int i = 0; i < 120; i++) {
            deliver(("From: sender" + i + "@" + run + ".example\r\nTo: help@flowdesk.test\r\nSubject: " + run + " #" + i
                    + "\r\nMessage-ID: <" + run + "-" + i + "@" + run + ".example>\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\nText " + i + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }

        MailboxPoller.PollResult result = poll();

        assertThat(result.read()).isEqualTo(120);
        assertThat(result.created()).isEqualTo(120);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ticket WHERE subject LIKE ?", Integer.class, run + " #%"))
                .isEqualTo(120);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT subject) FROM ticket WHERE subject LIKE ?",
                Integer.class, run + " #%")).isEqualTo(120);
        assertThat(unseen()).isZero();
        assertThat(poll().read()).isZero();

        // their 120 acknowledgements (more than one batch of the outbox) go out in one run of the sender, once each
        // (GreenMail also received the 120 mails themselves: ours carry our Message-IDs)
        sender.sendDue();
        assertThat(jdbc.queryForList("SELECT o.status FROM mail_outbox o JOIN ticket t ON t.id = o.ticket_id"
                + " WHERE t.subject LIKE ?", String.class, run + " #%")).hasSize(120).containsOnly("SENT");
        assertThat(Arrays.stream(GREEN_MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(run + " #");
            } catch (Exception e) {
                return false;
            }
        }).map(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(id -> id.endsWith("@flowdesk.test>")).toList()).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void theLimitOfAutomaticAnswersCountsWhatTheSameTransactionQueuedBefore() {
        // The count is SQL (no automatic flush): mail this transaction queued must still count towards the limit.
        String address = "limit-" + N.incrementAndGet() + "@customer.example";
        Boolean mayAfterLimit = transactions.execute(status -> {
            for (int i = 0; i < properties.autoAnswersPerHour(); i++) {
                assertThat(outbox.mayAnswerAutomatically(address)).as("answer %d", i + 1).isTrue();
                outbox.enqueue(new Outbox.OutgoingMail(null, "ack", address, List.of(), "Answer " + i, "Text", null,
                        List.of(), "auto-replied"));
            }
            return outbox.mayAnswerAutomatically(address);
        });

        assertThat(mayAfterLimit).isFalse();
        assertThat(outbox.mayAnswerAutomatically(address.toUpperCase(java.util.Locale.ROOT))).isFalse();
    }

    @Test
    void copiedAddressesBecomeWatchersWhoMayReplyAndAreCopiedOnAgentsAnswers() throws Exception {
        deliver("cc-watchers.eml");
        poll();
        long id = ticketBySubject("Projector in room 2 broken");
        assertThat(threads.watchers(id)).containsExactly("boss@customer.example", "colleague@customer.example");

        deliver(corpus("watcher-reply.eml", Map.of("tag", threads.find(id).orElseThrow().tag())));
        assertThat(poll().appended()).isEqualTo(1);
        assertThat(articles(id)).hasSize(2);

        // an agent's public reply goes to the requester by mail, watchers in copy; an internal note does not
        jdbc.update("update ticket set queue = 'service-desk' where id = ?", id);
        assertThat(as("bob").post("/api/tickets/" + id + "/articles", Map.of("body", "A technician is on the way."))
                .status()).isEqualTo(201);
        as("bob").post("/api/tickets/" + id + "/articles", Map.of("body", "internal", "visibility", "INTERNAL"));
        sender.sendDue();

        MimeMessage reply = null;
        for (MimeMessage m : sentTo("carl@customer.example")) {
            if (m.getHeader("Auto-Submitted") == null) {
                reply = m;
            }
        }
        assertThat(reply).isNotNull();
        assertThat(reply.getContent().toString()).contains("A technician is on the way.").doesNotContain("internal");
        assertThat(Arrays.stream(reply.getRecipients(Message.RecipientType.CC)).map(Object::toString))
                .containsExactly("boss@customer.example", "colleague@customer.example");
        assertThat(reply.getHeader("References", null)).contains("cc-1@customer.example");
    }

    @Test
    void machineWrittenMailIsNeverAnsweredAndABounceIsRecorded() throws Exception {
        deliver("vacation-xautoreply.eml");
        deliver("mailing-list.eml");
        poll();
        long vacation = ticketBySubject("Out of office: anything");
        long list = ticketBySubject("[vendor-announce] New firmware 4.2 released");
        sender.sendDue();
        assertThat(outbox.ofTicket(vacation)).isEmpty();
        assertThat(outbox.ofTicket(list)).isEmpty();

        // our own mail coming back opens nothing
        deliver(corpus("own-mail-loop.eml", Map.of("tag", "[FD-000001·abcd]")));
        int before = jdbc.queryForObject("select count(*) from ticket", Integer.class);
        assertThat(poll().skipped()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ticket", Integer.class)).isEqualTo(before);

        // a bounce of an acknowledgement: recorded on the address and the ticket, nothing opened or answered
        deliver(corpus("plain.eml", Map.of()).length > 0 ? new String(MimeParserTest.corpus("plain.eml"),
                StandardCharsets.ISO_8859_1).replace("paula@customer.example", "gone@customer.example")
                .replace("plain-1@", "plain-gone@").replace("Printer on floor 3", "Scanner on floor 4")
                .getBytes(StandardCharsets.ISO_8859_1) : null);
        poll();
        long gone = ticketBySubject("Scanner on floor 4 is jammed");
        sender.sendDue();
        String ackId = outbox.ofTicket(gone).get(0).messageId();
        deliver(corpus("dsn-bounce.eml", Map.of("bounced", "gone@customer.example", "inReplyTo", ackId,
                "tag", threads.find(gone).orElseThrow().tag())));
        before = jdbc.queryForObject("select count(*) from ticket", Integer.class);

        assertThat(poll().skipped()).isEqualTo(1);

        assertThat(jdbc.queryForObject("select count(*) from ticket", Integer.class)).isEqualTo(before);
        assertThat(bounces.isHardBouncing("gone@customer.example")).isTrue();
        assertThat(outbox.mayAnswerAutomatically("gone@customer.example")).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where ticket_id = ? and type = 'MAIL_BOUNCED'",
                Integer.class, gone)).isEqualTo(1);
    }

    @Test
    void realWorldEncodingsAndStructuresAllBecomeTickets() throws Exception {
        for (String name : List.of("html-script.eml", "alternative.eml", "inline-image-pdf.eml", "forwarded.eml",
                "8bit-headers.eml", "iso-8859-1.eml", "windows-1252.eml", "broken-charset.eml", "malformed-mime.eml",
                "no-message-id.eml")) {
            deliver(name);
        }

        assertThat(poll().created()).isEqualTo(10);

        long html = ticketBySubject("VPN does not connect");
        Map<String, Object> article = articles(html).get(0);
        assertThat((String) article.get("body_html")).contains("<b>VPN</b>").doesNotContain("script")
                .doesNotContain("onload");
        assertThat((String) article.get("body")).contains("The VPN client says timeout.");
        long german = ticketBySubject("Grüße aus München - laptop broken");
        assertThat(threads.find(german).orElseThrow().language()).isEqualTo("de");
        sender.sendDue();
        assertThat(outbox.ofTicket(german).get(0).body()).contains("vielen Dank");
        long inline = ticketBySubject("Screenshot of the error");
        assertThat(as("admin").get("/api/tickets/" + inline + "/conversation").json("/0/attachments/1/name").asText())
                .isEqualTo("Fehlerbericht März.pdf");
        assertThat(jdbc.queryForObject("select description from ticket where id = ?", String.class,
                ticketBySubject("Fwd: Invoice system down"))).contains("answers 500 since 17:45");
        ticketBySubject("Drucker druckt nur Müll – bitte prüfen");
        ticketBySubject("Problème d'accès au réseau");
        ticketBySubject("Invoice € 500 “wrong”");
        assertThat(jdbc.queryForObject("select description from ticket where subject = 'Umlaut trouble'",
                String.class)).contains("Grüße aus Köln");
        assertThat(jdbc.queryForObject("select description from ticket where subject = 'Broken mail client'",
                String.class)).contains("The text should still reach the ticket.");
        ticketBySubject("Mail without a Message-ID");
    }

    @Test
    void anUnreadableMailIsQuarantinedAndThePollerGoesOn() throws Exception {
        deliver("no-sender.eml");
        deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                .replace("plain-1@", "after-garbage@").replace("Printer on floor 3", "Fax on floor 9")
                .getBytes(StandardCharsets.ISO_8859_1));

        MailboxPoller.PollResult result = poll();

        assertThat(result.quarantined()).isEqualTo(1);
        assertThat(result.created()).isEqualTo(1);
        assertThat(quarantine.find("nosender-1@nowhere.example")).hasValueSatisfying(q ->
                assertThat(q.reason()).contains("no sender"));
        assertThat(unseen()).isZero();
        assertThat(poll().read()).isZero(); // flagged: not read again
    }

    @Test
    void aMessageReadAgainAfterACrashBetweenCommitAndFlagChangesNothing() throws Exception {
        byte[] raw = new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                .replace("plain-1@", "crash-1@").replace("Printer on floor 3", "Router in basement")
                .getBytes(StandardCharsets.ISO_8859_1);
        deliver(raw);
        // The first run committed its transaction and died before flagging the message \Seen.
        ParsedMail mail = MimeParser.parse(raw);
        processor.process(mail, InboundMailProcessor.keyOf(mail, raw), desk());
        assertThat(unseen()).isEqualTo(1);

        MailboxPoller.PollResult again = poll();

        assertThat(again.read()).isEqualTo(1);
        assertThat(again.skipped()).isEqualTo(1);
        assertThat(ticketsWithSubject("Router in basement is jammed")).isEqualTo(1);
        assertThat(unseen()).isZero();
    }

    @Test
    void aReplyToATicketWaitingForTheCustomerMovesTheProcessOnButAVacationNoticeDoesNot() throws Exception {
        repository.createDeployment().addModelInstance("mail-wait-for-customer.bpmn",
                Bpmn.createExecutableProcess("mail-wait-for-customer").camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Opened")
                        .intermediateCatchEvent("Event_CustomerReplied").message("CustomerReplied")
                        .userTask("Task_ReadReply").name("Read reply").camundaCandidateGroups("service-desk")
                        .endEvent().done()).deploy();
        CurrentUser alice = new CurrentUser("alice", "Alice", "alice@example.com", List.of(), Set.of(Role.USER), null);
        var opened = tickets.open(new NewTicket("INCIDENT", "EMAIL", "Monitor flickers", "", "alice", "LOW", "LOW",
                null, Map.of(), "mail-wait-for-customer"), alice, "service-desk");
        String tag = threads.start(opened.ticketId(), opened.number(), "alice@example.com", "en").tag();
        // the agent's question goes out by mail
        assertThat(as("bob").post("/api/tickets/" + opened.ticketId() + "/articles",
                Map.of("body", "Which monitor is it?")).status()).isEqualTo(201);
        sender.sendDue();
        MimeMessage question = sentTo("alice@example.com").stream()
                .filter(m -> { try { return m.getSubject().contains(tag); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        String questionId = question.getMessageID().replaceAll("[<>]", "");

        deliver(new String(corpus("gmail-vacation.eml", Map.of("tag", tag, "inReplyTo", questionId)),
                StandardCharsets.ISO_8859_1).replace("paula@customer.example", "alice@example.com")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(poll().appended()).isEqualTo(1);
        assertThat(tasks.createTaskQuery().processInstanceId(opened.processInstanceId()).count()).isZero();

        deliver(corpus("reply-waiting-customer.eml", Map.of("tag", tag, "inReplyTo", questionId)));
        assertThat(poll().appended()).isEqualTo(1);

        assertThat(tasks.createTaskQuery().processInstanceId(opened.processInstanceId()).singleResult().getName())
                .isEqualTo("Read reply");
        assertThat(articles(opened.ticketId())).extracting(a -> (String) a.get("author"))
                .containsExactly("bob", "alice", "alice");
    }

    @Test
    void aResolvedMailTicketTellsTheRequesterWithTheRatingLinkAndItsClosingToo() throws Exception {
        deliver(("From: Rosa Room <rosa@customer.example>\r\nTo: " + DESK + "\r\nSubject: Beamer in room 2 is dark"
                + "\r\nMessage-ID: <beamer-" + System.nanoTime() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\nThe beamer stays dark.\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(poll().created()).isEqualTo(1);
        long id = jdbc.queryForObject("select id from ticket where subject = 'Beamer in room 2 is dark'", Long.class);
        String requester = jdbc.queryForObject("select requester from ticket where id = ?", String.class, id);
        dev.flowdesk.ApiClient bob = as("bob");
        String pid = jdbc.queryForObject("select process_instance_id from ticket where id = ?", String.class, id);
        // the task itself, not a page of bob's inbox: other tests' tickets share this database
        String task = null;
        for (int i = 0; i < 40 && task == null; i++) {
            var found = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey("Task_ResolveIncident")
                    .singleResult();
            task = found == null ? null : found.getId();
            if (task == null) {
                Thread.sleep(250);
            }
        }
        assertThat(task).as("the mail ticket's resolution task").isNotNull();
        assertThat(bob.post("/api/tasks/" + task + "/complete", Map.of("data", Map.of("resolution",
                "Replaced the lamp"))).status()).isEqualTo(204);

        // the outbox row commits with the resolution: the template, the requester, marked as automatic mail
        Map<String, Object> resolved = jdbc.queryForMap("select recipient, subject, body, auto_submitted from mail_outbox"
                + " where ticket_id = ? and template = 'resolved'", id);
        assertThat(resolved.get("recipient")).isEqualTo(requester);
        assertThat((String) resolved.get("body")).contains("/#/tickets/" + id).contains("Rate our help");
        assertThat(resolved.get("auto_submitted")).isEqualTo("auto-generated");
        sender.sendDue();
        assertThat(sentTo(requester)).anySatisfy(m -> assertThat(m.getSubject()).startsWith("Resolved: "));
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where ticket_id = ? and template = 'closed'",
                Long.class, id)).isZero();
    }

    @Test
    void whileSmtpIsDownNothingIsLostAndAfterwardsEveryMailGoesOutExactlyOnce() throws Exception {
        int port = mailSender.getPort();
        mailSender.setPort(1); // nothing listens there: connection refused
        try {
            for (String subject : List.of("Outage mail one", "Outage mail two")) {
                deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                        .replace("plain-1@", subject.replace(' ', '-') + "@")
                        .replace("Printer on floor 3 is jammed", subject).getBytes(StandardCharsets.ISO_8859_1));
            }
            poll();
            assertThat(sender.sendDue()).isZero();
            assertThat(sender.sendDue()).isZero();
        } finally {
            mailSender.setPort(port);
        }
        long one = ticketBySubject("Outage mail one");
        long two = ticketBySubject("Outage mail two");
        assertThat(outbox.ofTicket(one)).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo("PENDING");
            assertThat(o.attempts()).isEqualTo(2);
        });

        assertThat(sender.sendDue()).isGreaterThanOrEqualTo(2);
        sender.sendDue();

        for (long id : List.of(one, two)) {
            var row = outbox.ofTicket(id).get(0);
            assertThat(row.status()).isEqualTo("SENT");
            long copies = Arrays.stream(GREEN_MAIL.getReceivedMessages()).filter(m -> {
                try { return ("<" + row.messageId() + ">").equals(m.getMessageID()); } catch (Exception e) { return false; }
            }).count();
            assertThat(copies).isEqualTo(1);
        }
    }

    @Test
    void aMailWhoseSenderDiedMidSendIsSentAgainOnlyAfterItsClaimRanOutAndTheRowSaysItMayBeADuplicate()
            throws Exception {
        deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                .replace("plain-1@", "claimed-1@").replace("Printer on floor 3 is jammed", "Claimed by a dead node")
                .getBytes(StandardCharsets.ISO_8859_1));
        poll();
        long ticket = ticketBySubject("Claimed by a dead node");
        // given a sender that claimed the acknowledgement and died before it recorded the outcome
        jdbc.update("update mail_outbox set status = 'SENDING', claimed_until = ? where ticket_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(3600)), ticket);
        String messageId = outbox.ofTicket(ticket).get(0).messageId();

        // when other runs look for due mail while the claim holds, then after it ran out
        sender.sendDue();
        long whileHeld = copiesAtSmtp(messageId);
        jdbc.update("update mail_outbox set claimed_until = ? where ticket_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), ticket);
        sender.sendDue();

        // then it went out once, after the claim, and the row says the recipient may hold an earlier copy
        assertThat(whileHeld).isZero();
        assertThat(copiesAtSmtp(messageId)).isEqualTo(1);
        assertThat(jdbc.queryForMap("select status, last_error from mail_outbox where ticket_id = ?", ticket))
                .containsEntry("status", "SENT")
                .hasEntrySatisfying("last_error", e -> assertThat((String) e).contains("after an expired claim"));
    }

    private static long copiesAtSmtp(String messageId) throws Exception {
        return Arrays.stream(GREEN_MAIL.getReceivedMessages()).filter(m -> {
            try {
                return ("<" + messageId + ">").equals(m.getMessageID());
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    @Test
    void theClusteredQuartzJobPollsTheMailbox() throws Exception {
        assertThat(scheduler.checkExists(JobKey.jobKey(desk().jobName(), "mail"))).isTrue();
        assertThat(scheduler.checkExists(JobKey.jobKey("send-outbox", "mail"))).isTrue();
        assertThat(MailPollJob.class.isAnnotationPresent(org.quartz.DisallowConcurrentExecution.class)).isTrue();
        deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                .replace("plain-1@", "quartz-1@").replace("Printer on floor 3 is jammed", "Polled by Quartz")
                .getBytes(StandardCharsets.ISO_8859_1));

        scheduler.triggerJob(JobKey.jobKey(desk().jobName(), "mail"));

        long deadline = System.currentTimeMillis() + 30_000;
        while (ticketsWithSubject("Polled by Quartz") == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(ticketsWithSubject("Polled by Quartz")).isEqualTo(1);
    }
}
