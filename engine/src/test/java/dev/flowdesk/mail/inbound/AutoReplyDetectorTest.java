package dev.flowdesk.mail.inbound;

import org.junit.jupiter.api.Test;

import static dev.flowdesk.mail.inbound.MimeParserTest.corpus;
import static org.assertj.core.api.Assertions.assertThat;

/** RFC 3834 and its vendor variants: which mail a machine wrote. */
class AutoReplyDetectorTest {

    private static AutoReplyDetector.Verdict inspect(String name) throws Exception {
        String raw = new String(corpus(name), "UTF-8").replace("${tag}", "[FD-000001·abcd]").replace("${n}", "1")
                .replace("${inReplyTo}", "x@flowdesk.test").replace("${bounced}", "gone@customer.example")
                .replace("${number}", "FD-000001");
        return AutoReplyDetector.inspect(MimeParser.parse(raw.getBytes("UTF-8")), "flowdesk.test");
    }

    @Test
    void peopleWriteThese() throws Exception {
        for (String name : new String[] {"plain.eml", "html-script.eml", "alternative.eml", "cc-watchers.eml",
                "8bit-headers.eml", "reply-by-tag.eml", "forwarded.eml"}) {
            assertThat(inspect(name).generated()).as(name).isFalse();
        }
    }

    @Test
    void machinesWriteThese() throws Exception {
        assertThat(inspect("outlook-autoreply.eml").reasons())
                .contains("Auto-Submitted: auto-generated", "x-auto-response-suppress");
        assertThat(inspect("gmail-vacation.eml").reasons()).contains("Auto-Submitted: auto-replied",
                "Precedence: bulk");
        assertThat(inspect("vacation-xautoreply.eml").reasons()).contains("x-autoreply", "x-autorespond",
                "Return-Path: <>");
        assertThat(inspect("mailing-list.eml").reasons()).contains("List-Id", "Precedence: list");
    }

    @Test
    void aDeliveryReportIsABounce() throws Exception {
        AutoReplyDetector.Verdict verdict = inspect("dsn-bounce.eml");

        assertThat(verdict.generated()).isTrue();
        assertThat(verdict.bounce()).isTrue();
    }

    @Test
    void ourOwnMailComingBackIsRecognised() throws Exception {
        assertThat(inspect("own-mail-loop.eml").ownMail()).isTrue();
        assertThat(inspect("plain.eml").ownMail()).isFalse();
    }

    @Test
    void autoSubmittedNoIsAPerson() throws Exception {
        byte[] raw = "From: a@b.example\r\nSubject: x\r\nAuto-Submitted: no\r\n\r\nhi\r\n".getBytes("US-ASCII");
        assertThat(AutoReplyDetector.inspect(MimeParser.parse(raw), "flowdesk.test").generated()).isFalse();
    }
}
