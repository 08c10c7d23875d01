package dev.flowdesk.mail.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 3676 format=flowed, as Thunderbird and Apple Mail send it. */
class FlowedTextTest {

    @Test
    void softBreaksAreJoinedHardBreaksStuffingAndSignatureKept() {
        String flowed = "One long \r\nsentence.\r\n\r\n From here.\r\n-- \r\nTheo";

        assertThat(FlowedText.unflow(flowed, false)).isEqualTo("One long sentence.\n\nFrom here.\n-- \nTheo");
    }

    @Test
    void delSpDeletesTheSpaceOfTheSoftBreak() {
        assertThat(FlowedText.unflow("Zusammen \r\ngeschrieben", true)).isEqualTo("Zusammengeschrieben");
    }

    @Test
    void quotedParagraphsFlowWithinTheirDepthOnly() {
        String flowed = "> quoted and \r\n> flowed\r\n>> deeper \r\nnot quoted";

        assertThat(FlowedText.unflow(flowed, false)).isEqualTo("> quoted and flowed\n>> deeper \nnot quoted");
    }

    @Test
    void theParserUnflowsFormatFlowedTextParts() throws Exception {
        ParsedMail mail = MimeParserTest.parse("thunderbird-flowed.eml");

        assertThat(mail.text()).contains("shared drive S:. Word says the file is read-only, Explorer shows the "
                + "folder as usual. My colleagues in room 2.07");
    }
}
