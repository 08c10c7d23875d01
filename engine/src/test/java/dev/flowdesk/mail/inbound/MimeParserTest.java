package dev.flowdesk.mail.inbound;

import dev.flowdesk.attachment.FileNames;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MIME parser on the corpus under {@code src/test/resources/mail}: what real mail clients send. */
class MimeParserTest {

    static byte[] corpus(String name) {
        try (InputStream in = MimeParserTest.class.getResourceAsStream("/mail/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedMail parse(String name) throws Exception {
        return MimeParser.parse(corpus(name));
    }

    @Test
    void plainTextGivesSenderSubjectAndBody() throws Exception {
        ParsedMail mail = parse("plain.eml");

        assertThat(mail.from().address()).isEqualTo("paula@customer.example");
        assertThat(mail.from().name()).isEqualTo("Paula Plain");
        assertThat(mail.messageId()).isEqualTo("plain-1@customer.example");
        assertThat(mail.subject()).isEqualTo("Printer on floor 3 is jammed");
        assertThat(mail.text()).startsWith("Hello,").contains("paper jam");
        assertThat(mail.html()).isNull();
        assertThat(mail.to()).extracting(ParsedMail.MailAddress::address).containsExactly("help@flowdesk.test");
    }

    @Test
    void htmlOnlyIsSanitizedAndGetsATextVersion() throws Exception {
        ParsedMail mail = parse("html-script.eml");

        assertThat(mail.html()).contains("<b>VPN</b>").contains("https://status.example.com/")
                .doesNotContain("script").doesNotContain("alert").doesNotContain("onload").doesNotContain("onerror")
                .doesNotContain("javascript:").doesNotContain("iframe").doesNotContain("color:red");
        assertThat(mail.text()).contains("The VPN client says timeout.").doesNotContain("alert");
    }

    @Test
    void alternativeKeepsBothVersionsAndDecodesTheSubject() throws Exception {
        ParsedMail mail = parse("alternative.eml");

        assertThat(mail.subject()).isEqualTo("Grüße aus München - laptop broken");
        assertThat(mail.text()).isEqualTo("Mein Laptop startet nicht mehr. Grüße");
        assertThat(mail.html()).contains("<b>Laptop</b>");
        assertThat(mail.header("content-language")).isEqualTo("de-DE");
    }

    @Test
    void inlineImagesAndAttachmentsAreListedWithDecodedNames() throws Exception {
        ParsedMail mail = parse("inline-image-pdf.eml");

        assertThat(mail.text()).isEqualTo("See the screenshot and the report.");
        assertThat(mail.html()).contains("cid:shot@customer.example");
        assertThat(mail.attachments()).extracting(ParsedMail.AttachmentInfo::name)
                .containsExactly("shot.png", "Fehlerbericht März.pdf");
        assertThat(mail.attachments().get(0).contentId()).isEqualTo("shot@customer.example");
        assertThat(mail.attachments().get(0).inline()).isTrue();
        assertThat(mail.attachments().get(1).contentType()).isEqualTo("application/pdf");
        assertThat(mail.attachments().get(1).size()).isGreaterThan(20);
    }

    @Test
    void aForwardedMessageIsQuotedAndListed() throws Exception {
        ParsedMail mail = parse("forwarded.eml");

        assertThat(mail.text()).contains("Please look at the mail below.")
                .contains("---------- Forwarded message ----------")
                .contains("From: Otto Original <otto@customer.example>").contains("answers 500 since 17:45");
        assertThat(mail.attachments()).extracting(ParsedMail.AttachmentInfo::name)
                .containsExactly("Invoice system down.eml");
    }

    @Test
    void eightBitHeadersAreReadAsUtf8() throws Exception {
        ParsedMail mail = parse("8bit-headers.eml");

        assertThat(mail.subject()).isEqualTo("Drucker druckt nur Müll – bitte prüfen");
        assertThat(mail.from().name()).isEqualTo("Jürgen Müller");
        assertThat(mail.text()).contains("äöü ß €");
    }

    @Test
    void isoLatin1EncodedWordsAndBody() throws Exception {
        ParsedMail mail = parse("iso-8859-1.eml");

        assertThat(mail.subject()).isEqualTo("Problème d'accès au réseau");
        assertThat(mail.from().name()).isEqualTo("François Bérangère");
        assertThat(mail.text()).contains("accès au réseau").contains("Très urgent");
    }

    @Test
    void unknownCharsetFallsBackToWindows1252() throws Exception {
        ParsedMail mail = parse("windows-1252.eml");

        assertThat(mail.subject()).isEqualTo("Invoice € 500 “wrong”");
        assertThat(mail.text()).contains("€ 500 but the “PO” says € 450 – please check");
    }

    @Test
    void aCharsetThatDoesNotFitTheBytesFallsBack() throws Exception {
        assertThat(parse("broken-charset.eml").text()).contains("Grüße aus Köln");
    }

    @Test
    void malformedMimeStillGivesTheText() throws Exception {
        ParsedMail mail = parse("malformed-mime.eml");

        assertThat(mail.text()).contains("The text should still reach the ticket.");
    }

    @Test
    void aMessageWithoutSenderIsRefused() {
        assertThatThrownBy(() -> parse("no-sender.eml")).isInstanceOf(MimeParser.MalformedMailException.class)
                .hasMessageContaining("no sender");
    }

    @Test
    void aDeliveryReportNamesTheFailedRecipientAndTheOriginal() throws Exception {
        ParsedMail mail = MimeParser.parse(new String(corpus("dsn-bounce.eml"), "UTF-8")
                .replace("${bounced}", "gone@customer.example").replace("${inReplyTo}", "ack-1@flowdesk.test")
                .replace("${tag}", "[FD-000001·abcd]").replace("${n}", "1").getBytes("UTF-8"));

        assertThat(mail.report()).isNotNull();
        assertThat(mail.report().originalMessageId()).isEqualTo("ack-1@flowdesk.test");
        assertThat(mail.report().recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("gone@customer.example");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.failed()).isTrue();
        });
        assertThat(mail.returnPath()).isEmpty();
    }

    @Test
    void fileNamesLoseDirectoriesAndControlCharacters() {
        assertThat(FileNames.sanitize("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("C:\\Users\\x\\evil.exe")).isEqualTo("evil.exe");
        assertThat(FileNames.sanitize("invoice\u202Efdp.exe")).isEqualTo("invoice_fdp.exe");
        assertThat(FileNames.sanitize("...")).isEqualTo("attachment");
        assertThat(FileNames.sanitize("a".repeat(300) + ".pdf")).hasSize(200).endsWith(".pdf");
    }

    @Test
    void aMessageWithThousandsOfPartsIsCutNotFatal() throws Exception {
        StringBuilder raw = new StringBuilder("From: x@customer.example\r\nSubject: many\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=B\r\n\r\n");
        for (int i = 0; i < 5000; i++) {
            raw.append("--B\r\nContent-Type: application/octet-stream\r\n\r\nx\r\n");
        }
        raw.append("--B--\r\n");

        ParsedMail mail = MimeParser.parse(raw.toString().getBytes("US-ASCII"));

        assertThat(mail.truncated()).isTrue();
        assertThat(mail.attachments()).hasSizeLessThanOrEqualTo(MimeParser.MAX_PARTS);
    }
}
