package dev.flowdesk.fault;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * GreenMail as the desk's IMAP and SMTP server, with a {@link SlowRelay} in front of SMTP: customers' mail is put
 * into the desk's inbox, and what Flowdesk sends is counted per Message-ID.
 */
final class FaultMailServer implements AutoCloseable {

    static final String DESK = "help@flowdesk.test";
    /** The right-hand side of the Message-IDs Flowdesk writes (the domain of {@code flowdesk.mail.from}). */
    static final String OUR_MESSAGE_IDS = "@flowdesk.test>";

    private final GreenMail greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    private final GreenMailUser desk;
    private final SlowRelay smtp;

    FaultMailServer() {
        greenMail.start();
        desk = greenMail.setUser(DESK, "help", "secret");
        smtp = new SlowRelay(greenMail.getSmtp().getPort());
    }

    /** The properties that point a node at this server: one polled mailbox, SMTP through the relay. */
    Map<String, String> nodeProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("flowdesk.mail.from", DESK);
        properties.put("flowdesk.mail.mailboxes[0].url", "imap://help:secret@127.0.0.1:"
                + greenMail.getImap().getPort() + "/INBOX");
        properties.put("flowdesk.mail.mailboxes[0].address", DESK);
        properties.put("flowdesk.mail.mailboxes[0].queue", "service-desk");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(smtp.port()));
        return properties;
    }

    SlowRelay smtp() {
        return smtp;
    }

    /** A customer's new request, with its own Message-ID and sender (so no rate limit of automatic answers bites). */
    void deliverNewRequest(String subject) throws MessagingException {
        String raw = "Message-ID: <" + subject + "@customer.test>\r\n"
                + "Date: Mon, 6 Jan 2025 09:00:00 +0100\r\n"
                + "From: Customer <" + subject + "@customer.test>\r\n"
                + "To: " + DESK + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "The printer on floor " + subject.length() + " is jammed again.\r\n";
        desk.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    /** Messages in the desk's inbox that the poller has not yet flagged \Seen. */
    int unseen() throws MessagingException {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", greenMail.getImap().getPort(), "help", "secret");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
            inbox.close(false);
            return count;
        } finally {
            store.close();
        }
    }

    /** How often each of Flowdesk's Message-IDs (without angle brackets) reached the SMTP server. */
    Map<String, Integer> deliveriesByMessageId() throws MessagingException {
        Map<String, Integer> deliveries = new HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String id = message.getMessageID();
            if (id != null && id.endsWith(OUR_MESSAGE_IDS)) {
                deliveries.merge(id.substring(1, id.length() - 1), 1, Integer::sum);
            }
        }
        return deliveries;
    }

    @Override
    public void close() {
        smtp.close();
        greenMail.stop();
    }
}
