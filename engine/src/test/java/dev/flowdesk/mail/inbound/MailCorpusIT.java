package dev.flowdesk.mail.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdesk.ApiClient.Response;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rest of the mail corpus (issue 9: "at least 30 realistic messages with expected outcomes"), as the mail
 * programs of our customers write it: Exchange, German Outlook and RFC 3834 auto-replies, Apple Mail and Thunderbird
 * (format=flowed), RFC 2231 file names, windows-1252 encoded words, multipart/related with a Content-ID image, an
 * Outlook item attached as message/rfc822, S/MIME, an Exchange non-delivery report, an approval by an Outlook reply,
 * and two messages made at test time: one of 5,000 parts and one with a 26 MB attachment. Everything goes through
 * GreenMail's IMAP and the real poller. Each test asserts what was created (a ticket, an article on an existing
 * ticket, a bounce, a vote) or not, that no automatic answer went to a machine, and that the poller went on: a plain
 * mail delivered after the corpus message still becomes a ticket in the same poll, and nothing is left unseen.
 */
class MailCorpusIT extends GreenMailEngineTest {

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A plain mail from {@code from} that opens a ticket; returns the ticket. */
    long openedByMail(String from, String subject) throws Exception {
        deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                .replace("paula@customer.example", from)
                .replace("plain-1@", "corpus-" + N.incrementAndGet() + "@")
                .replace("Printer on floor 3 is jammed", subject).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(poll().created()).isEqualTo(1);
        return ticketBySubject(subject);
    }

    /** The Message-ID (without brackets) of the acknowledgement that went out for a ticket. */
    String acknowledgementOf(long ticketId) {
        sender.sendDue();
        assertThat(outbox.ofTicket(ticketId)).hasSize(1);
        return outbox.ofTicket(ticketId).get(0).messageId();
    }

    String tagOf(long ticketId) {
        return threads.find(ticketId).orElseThrow().tag();
    }

    /** Delivers a plain mail after the corpus messages: the proof that they did not stop the poller. */
    String deliverCanary() throws Exception {
        String subject = "Poller still running " + N.incrementAndGet();
        // from an address of its own: the requesters' automatic answers per hour stay for the tests' own mail
        deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                .replace("paula@customer.example", "canary-" + N.get() + "@customer.example")
                .replace("plain-1@", "canary-" + N.get() + "@")
                .replace("Printer on floor 3 is jammed", subject).getBytes(StandardCharsets.ISO_8859_1));
        return subject;
    }

    void assertThePollerWentOn(String canary) throws Exception {
        assertThat(ticketsWithSubject(canary)).as("the plain mail after the corpus message").isEqualTo(1);
        assertThat(unseen()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from mail_quarantine", Integer.class))
                .as("quarantined mail").isEqualTo(quarantinedBefore);
    }

    int quarantinedBefore;

    void rememberQuarantine() {
        quarantinedBefore = jdbc.queryForObject("select count(*) from mail_quarantine", Integer.class);
    }

    JsonNode conversation(long ticketId) {
        Response response = as("admin").get("/api/tickets/" + ticketId + "/conversation");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    List<String> attachmentNames(JsonNode article) {
        List<String> names = new ArrayList<>();
        article.path("attachments").forEach(a -> names.add(a.path("name").asText()));
        return names;
    }

    // ---- auto-replies ------------------------------------------------------------------------------------------

    @Test
    void exchangeGermanOutlookAndRfc3834AutoRepliesAreAppendedButNeverAnsweredNorAdvanceAnything() throws Exception {
        long id = openedByMail("paula@customer.example", "Printer on floor 5 prints blank pages");
        String tag = tagOf(id);
        String ack = acknowledgementOf(id);
        rememberQuarantine();

        // Exchange Online: Auto-Submitted + X-Auto-Response-Suppress, a B-encoded subject (the tag is not ASCII)
        deliver(corpus("exchange-autoreply.eml", Map.of("tag", tag, "inReplyTo", ack, "subject",
                MimeUtility.encodeText("Automatic reply: " + tag + " Printer on floor 5 prints blank pages",
                        "UTF-8", "B"))));
        // a German on-premises Outlook: only X-Auto-Response-Suppress, ISO-8859-1 Q-encoded subject, no tag token
        // in plain text anywhere but the encoded subject
        deliver(corpus("outlook-de-autoreply.eml", Map.of("inReplyTo", ack, "subject",
                MimeUtility.encodeText("Automatische Antwort: " + tag + " Printer on floor 5 prints blank pages",
                        "ISO-8859-1", "Q"))));
        // an RFC 3834 "auto-replied" answer to our acknowledgement, threaded by In-Reply-To only
        deliver(corpus("autoreplied-ack.eml", Map.of("inReplyTo", ack)));
        String canary = deliverCanary();

        MailboxPoller.PollResult result = poll();

        assertThat(result.appended()).isEqualTo(3);
        assertThat(result.created()).isEqualTo(1);
        assertThat(result.quarantined()).isZero();
        List<Map<String, Object>> articles = articles(id);
        assertThat(articles).hasSize(4);
        assertThat((String) articles.get(1).get("body")).startsWith("Thank you for your message. I am out of the "
                + "office until 8 December with limited access to e-mail.");
        assertThat((String) articles.get(1).get("body_html")).doesNotContain("<style", "MsoNormal")
                .contains("<p>Thank you for your message.");
        assertThat((String) articles.get(2).get("body")).startsWith("Vielen Dank für Ihre Nachricht.")
                .contains("Mit freundlichen Grüßen\nPaula Pläin");
        assertThat((String) articles.get(2).get("from_address")).isEqualTo("Paula Pläin <paula@customer.example>");
        assertThat((String) articles.get(3).get("body")).startsWith("Your mail has been received");
        // no watcher from an auto-reply, no answer to any of them: the acknowledgement is still the only mail
        sender.sendDue();
        assertThat(outbox.ofTicket(id)).hasSize(1);
        assertThat(ticketsWithSubject("Automatic reply: " + tag + " Printer on floor 5 prints blank pages")).isZero();
        assertThePollerWentOn(canary);
    }

    // ---- replies from real mail programs -----------------------------------------------------------------------

    @Test
    void anAppleMailReplyWithQuotedHtmlIsAppendedAndItsQuoteStaysInTheSanitizedHtml() throws Exception {
        long id = openedByMail("paula@customer.example", "Printer on floor 6 is out of toner");
        String tag = tagOf(id);
        String ack = acknowledgementOf(id);
        rememberQuarantine();
        deliver(corpus("apple-mail-reply.eml", Map.of("tag", tag, "inReplyTo", ack)));
        String canary = deliverCanary();

        MailboxPoller.PollResult result = poll();

        assertThat(result.appended()).isEqualTo(1);
        assertThat(result.created()).isEqualTo(1);
        Map<String, Object> reply = articles(id).get(1);
        assertThat((String) reply.get("body")).startsWith("The toner was empty. It prints again – thanks!")
                .contains("> We received your request.");
        assertThat((String) reply.get("body_html")).contains("<blockquote", "We received your request.")
                .doesNotContain("style=", "<meta");
        assertThat((String) reply.get("author")).isEqualTo("paula@customer.example");
        sender.sendDue();
        assertThat(outbox.ofTicket(id)).hasSize(1); // a reply by the requester gets no new acknowledgement
        assertThePollerWentOn(canary);
    }

    @Test
    void aThunderbirdFormatFlowedMailBecomesATicketWithItsParagraphsJoined() throws Exception {
        rememberQuarantine();
        deliver("thunderbird-flowed.eml");
        String canary = deliverCanary();

        assertThat(poll().created()).isEqualTo(2);

        long id = ticketBySubject("Shared drive S: is read-only since the weekend");
        String description = jdbc.queryForObject("select description from ticket where id = ?", String.class, id);
        // RFC 3676: a line ending in a space continues on the next; space-stuffing is removed; "-- " stays
        assertThat(description).contains("since the weekend I cannot save anything on the shared drive S:. Word "
                + "says the file is read-only, Explorer shows the folder as usual. My colleagues in room 2.07 have the "
                + "same problem.").contains("\nFrom the log:\n>S:\\Accounting\\2025 access denied")
                .contains("\n-- \nTheo Thunder");
        assertThePollerWentOn(canary);
    }

    // ---- encodings and structures ------------------------------------------------------------------------------

    @Test
    void encodedNamesRelatedImagesAttachedOutlookItemsAndSignedMailAllBecomeTickets() throws Exception {
        rememberQuarantine();
        for (String name : List.of("rfc2231-filename.eml", "windows-1252-encoded-words.eml", "related-cid.eml",
                "outlook-attached-message.eml", "smime-signed.eml")) {
            deliver(name);
        }
        String canary = deliverCanary();

        MailboxPoller.PollResult result = poll();

        assertThat(result.created()).isEqualTo(6);
        assertThat(result.quarantined()).isZero();

        // RFC 2231 continuations with percent-encoded UTF-8 (Gmail), the name parameter RFC 2047-encoded as well
        long quote = ticketBySubject("Quote for the new laptops");
        JsonNode article = conversation(quote).get(0);
        assertThat(attachmentNames(article)).containsExactly("Angebot für Notebooks – Q1 2026.xlsx");
        assertThat(article.path("attachments").get(0).path("contentType").asText())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        // RFC 2047 Q and B words in windows-1252 (€ – „ “ are not in ISO-8859-1), folded; quoted-printable body
        long invoice = ticketBySubject("Rechnung über 1.250 € – „dringend“ – Kostenstelle 4711");
        assertThat(jdbc.queryForObject("select description from ticket where id = ?", String.class, invoice))
                .contains("die Rechnung über 1.250 € ist falsch – „dringend“ bitte prüfen.");
        assertThat((String) articles(invoice).get(0).get("from_address")).isEqualTo("Renate Größ <renate@customer.example>");

        // multipart/related from Outlook: the image stays referenced by Content-ID, listed as an attachment
        long keyboard = ticketBySubject("Keyboard is missing two keys");
        Map<String, Object> related = articles(keyboard).get(0);
        assertThat((String) related.get("body_html")).contains("src=\"cid:image001.png@01DB6A1C.2E3F4A50\"");
        assertThat((String) related.get("body")).startsWith("The keys F and J came off, see the photo.");
        article = conversation(keyboard).get(0);
        assertThat(attachmentNames(article)).containsExactly("image001.png");
        assertThat(article.path("attachments").get(0).path("contentType").asText()).isEqualTo("image/png");
        assertThat(article.path("attachments").get(0).path("size").asLong()).isEqualTo(66);

        // an Outlook item attached as message/rfc822 (no file name): quoted in the text, listed by its subject
        long forwarded = ticketBySubject("FW: Server room too hot");
        assertThat(jdbc.queryForObject("select description from ticket where id = ?", String.class, forwarded))
                .startsWith("Please see the message from facility management attached.")
                .contains("From: Frank Facility <frank@facility.example>", "Subject: Server room too hot",
                        "The air conditioning of the server room failed: 31 °C and rising.");
        assertThat(attachmentNames(conversation(forwarded).get(0))).containsExactly("Server room too hot.eml");
        // the forwarded mail's sender is not a party of the ticket
        assertThat(jdbc.queryForObject("select requester from ticket where id = ?", String.class, forwarded))
                .isEqualTo("sven@customer.example");

        // S/MIME signed (multipart/signed): the signed text is the ticket, the signature an attachment
        long signed = ticketBySubject("VPN certificate expired");
        assertThat(jdbc.queryForObject("select description from ticket where id = ?", String.class, signed))
                .isEqualTo("My certificate for the VPN expired this morning, I cannot connect any more.");
        assertThat(attachmentNames(conversation(signed).get(0))).containsExactly("smime.p7s");
        assertThePollerWentOn(canary);
    }

    // ---- bounces -----------------------------------------------------------------------------------------------

    @Test
    void anExchangeNonDeliveryReportRecordsTheBounceAndOpensNothing() throws Exception {
        long id = openedByMail("left-the-company@customer.example", "Scanner on floor 5 is jammed");
        String ack = acknowledgementOf(id);
        rememberQuarantine();
        deliver(corpus("exchange-ndr.eml", Map.of("tag", tagOf(id), "inReplyTo", ack,
                "bounced", "left-the-company@customer.example")));
        String canary = deliverCanary();
        int before = jdbc.queryForObject("select count(*) from ticket", Integer.class);

        MailboxPoller.PollResult result = poll();

        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.created()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ticket", Integer.class)).isEqualTo(before + 1);
        assertThat(articles(id)).hasSize(1);
        assertThat(bounces.isHardBouncing("left-the-company@customer.example")).isTrue();
        assertThat(jdbc.queryForList("select detail from audit_event where ticket_id = ? and type = 'MAIL_BOUNCED'",
                String.class, id)).containsExactly("Mail to left-the-company@customer.example bounced (5.1.10)");
        sender.sendDue();
        assertThat(outbox.ofTicket(id)).hasSize(1);
        assertThePollerWentOn(canary);
    }

    // ---- approvals ---------------------------------------------------------------------------------------------

    @Test
    void anApproverApprovesWithAGermanOutlookReplyAndTheRequestMovesOn() throws Exception {
        Response created = as("bob").post("/api/tickets", Map.of("type", "SERVICE_REQUEST",
                "subject", "Starter kit for Mia, by Outlook", "description", "Mia starts on Monday",
                "requester", "alice", "impact", "MEDIUM", "urgency", "MEDIUM", "fields", Map.of("fulfilmentItems",
                        List.of(Map.of("subject", "Laptop for Mia", "category", "hardware")))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.body().get("ticketId").asLong();
        assertThat(jdbc.queryForObject("select status from ticket where id = ?", String.class, id))
                .isEqualTo("WAITING_APPROVAL");
        sender.sendDue();
        String tag = tagOf(id);
        MimeMessage request = null;
        for (MimeMessage m : sentTo("sam@example.com")) {
            if (m.getSubject().startsWith("Approval requested: " + tag)) {
                request = m;
            }
        }
        assertThat(request).isNotNull();
        rememberQuarantine();
        deliver(corpus("approval-reply-outlook.eml", Map.of("topic", "Approval requested: Starter kit for Mia, by Outlook",
                "subject", MimeUtility.encodeText("AW: " + request.getSubject(), "UTF-8", "Q"),
                "inReplyTo", request.getMessageID().replaceAll("[<>]", ""))));
        String canary = deliverCanary();

        MailboxPoller.PollResult result = poll();

        assertThat(result.read()).isEqualTo(2);
        assertThat(result.created()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from ticket where id = ?", String.class, id))
                .isEqualTo("IN_PROGRESS");
        Map<String, Object> decision = jdbc.queryForMap(
                "select approver, decision, comment from approval_decision where ticket_id = ?", id);
        assertThat(decision).containsEntry("approver", "sam").containsEntry("decision", "APPROVE");
        assertThat((String) decision.get("comment")).contains("passt so, Standardausstattung.")
                .doesNotContain("Ursprüngliche Nachricht", "Please reply");
        sender.sendDue();
        assertThat(outbox.ofTicket(id).stream().filter(o -> o.template().equals("approval-reply-refused"))).isEmpty();
        assertThePollerWentOn(canary);
    }

    // ---- made at test time -------------------------------------------------------------------------------------

    @Test
    void aMessageOfFiveThousandPartsBecomesATicketWithItsTextAndThePollerGoesOn() throws Exception {
        StringBuilder raw = new StringBuilder("From: Lars Logs <lars@customer.example>\r\nTo: help@flowdesk.test\r\n"
                + "Subject: Log files of all 5000 kiosks\r\nMessage-ID: <parts-" + N.incrementAndGet()
                + "@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"KIOSK\"\r\n\r\n"
                + "--KIOSK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nOne log file per kiosk, as asked.\r\n");
        for (int i = 1; i < 5000; i++) {
            raw.append("--KIOSK\r\nContent-Type: text/plain; charset=utf-8\r\n")
                    .append("Content-Disposition: attachment; filename=\"kiosk-").append(i).append(".log\"\r\n\r\n")
                    .append("kiosk ").append(i).append(" ok\r\n");
        }
        raw.append("--KIOSK--\r\n");
        rememberQuarantine();
        deliver(raw.toString().getBytes(StandardCharsets.US_ASCII));
        String canary = deliverCanary();

        MailboxPoller.PollResult result = poll();

        assertThat(result.created()).isEqualTo(2);
        assertThat(result.quarantined()).isZero();
        long id = ticketBySubject("Log files of all 5000 kiosks");
        assertThat(jdbc.queryForObject("select description from ticket where id = ?", String.class, id))
                .startsWith("One log file per kiosk, as asked.").contains("more attachments not listed");
        JsonNode attachments = conversation(id).get(0).path("attachments");
        // the parser stops after MimeParser.MAX_PARTS parts, and lists the first MAX_ATTACHMENTS of them
        assertThat(attachments.size()).isEqualTo(MimeParser.MAX_ATTACHMENTS);
        assertThat(attachments.get(0).path("name").asText()).isEqualTo("kiosk-1.log");
        assertThePollerWentOn(canary);
    }

    @Test
    void aMailWithAnAttachmentOverTwentyFiveMegabytesBecomesATicketThatRecordsTheAttachment() throws Exception {
        // There is no size limit of our own (flowdesk.mail has none; the attachment store is issue 10): 26 MiB is
        // over what Gmail and Exchange Online accept by default, so whatever arrives bigger came through a server
        // configured for it. The ticket is created, the attachment is listed with its size, the poller goes on.
        int size = 26 * 1024 * 1024;
        byte[] pdf = new byte[size];
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, pdf, 0, header.length);
        for (int i = header.length; i < size; i++) {
            pdf[i] = (byte) (i * 31 + (i >>> 11));
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(size * 14 / 10);
        raw.writeBytes(("From: Bea Big <bea@customer.example>\r\nTo: help@flowdesk.test\r\n"
                + "Subject: Scan of the whole contract\r\nMessage-ID: <big-" + N.incrementAndGet()
                + "@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"BIG\"\r\n\r\n"
                + "--BIG\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe signed contract, all 300 pages.\r\n"
                + "--BIG\r\nContent-Type: application/pdf; name=\"Vertrag gescannt.pdf\"\r\n"
                + "Content-Disposition: attachment; filename=\"Vertrag gescannt.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        raw.writeBytes(Base64.getMimeEncoder().encode(pdf));
        raw.writeBytes("\r\n--BIG--\r\n".getBytes(StandardCharsets.US_ASCII));
        rememberQuarantine();
        deliver(raw.toByteArray());
        String canary = deliverCanary();

        MailboxPoller.PollResult result = poll();

        assertThat(result.created()).isEqualTo(2);
        assertThat(result.quarantined()).isZero();
        long id = ticketBySubject("Scan of the whole contract");
        assertThat(jdbc.queryForObject("select description from ticket where id = ?", String.class, id))
                .isEqualTo("The signed contract, all 300 pages.");
        JsonNode attachment = conversation(id).get(0).path("attachments").get(0);
        assertThat(attachment.path("name").asText()).isEqualTo("Vertrag gescannt.pdf");
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(attachment.path("size").asLong()).isEqualTo(size);
        assertThePollerWentOn(canary);
    }

    // ---- a backlog ---------------------------------------------------------------------------------------------

    @Test
    void aBacklogOfMoreThanOneBatchIsDrainedByOneRunOfTheJobAndEveryMessageIsFlaggedOnce() throws Exception {
        rememberQuarantine();
        int backlog = MailboxPoller.BATCH + 20;
        for (int i = 0; i < backlog; i++) {
            deliver(new String(MimeParserTest.corpus("plain.eml"), StandardCharsets.ISO_8859_1)
                    .replace("paula@customer.example", "backlog-" + i + "@customer.example")
                    .replace("plain-1@", "backlog-" + N.incrementAndGet() + "@")
                    .replace("Printer on floor 3 is jammed", "Backlog mail " + i).getBytes(StandardCharsets.ISO_8859_1));
        }

        deskJob().executeInternal(null);

        assertThat(jdbc.queryForObject("select count(*) from ticket where subject like 'Backlog mail %'",
                Integer.class)).isEqualTo(backlog);
        assertThat(jdbc.queryForObject("select count(distinct subject) from ticket where subject like 'Backlog mail %'",
                Integer.class)).isEqualTo(backlog);
        assertThat(unseen()).isZero();
        assertThat(poll().read()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from mail_quarantine", Integer.class))
                .isEqualTo(quarantinedBefore);
    }
}
