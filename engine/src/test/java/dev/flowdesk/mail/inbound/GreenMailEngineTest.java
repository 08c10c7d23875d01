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
 * Base of the mail channel tests: the whole application with GreenMail as the real IMAP and SMTP server (one server
 * and one application context for every subclass), and the helpers to deliver mail, poll and look at what went out.
 */
public abstract class GreenMailEngineTest extends PostgresEngineTest {

    protected static final String DESK = "help@flowdesk.test";
    static final GreenMail GREEN_MAIL = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    static final AtomicInteger N = new AtomicInteger();
    static final com.icegreen.greenmail.user.GreenMailUser DESK_USER;

    /** Between the poller and GreenMail's IMAP: switched off, IMAP is down as far as the poller can tell. */
    static final ImapSwitch IMAP;

    static {
        GREEN_MAIL.start();
        DESK_USER = GREEN_MAIL.setUser(DESK, "help", "secret");
        IMAP = ImapSwitch.to(GREEN_MAIL.getImap().getPort());
        // One server for every subclass (they share the application context): stopped with the JVM, not per class.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            IMAP.off();
            GREEN_MAIL.stop();
        }));
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("flowdesk.mail.from", () -> DESK);
        registry.add("flowdesk.mail.mailboxes[0].url",
                () -> "imap://help:secret@127.0.0.1:" + IMAP.port() + "/INBOX");
        registry.add("flowdesk.mail.mailboxes[0].address", () -> DESK);
        registry.add("flowdesk.mail.mailboxes[0].queue", () -> "service-desk");
        // The tests drive poller and sender themselves; the scheduled runs stay out of their way.
        registry.add("flowdesk.mail.mailboxes[0].poll-interval", () -> "PT1H");
        registry.add("flowdesk.mail.mailboxes[0].idle", () -> "false");
        registry.add("flowdesk.mail.send-interval", () -> "PT1H");
        registry.add("flowdesk.mail.retry-backoff", () -> "PT0S");
        registry.add("flowdesk.mail.auto-answers-per-hour", () -> "50");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> GREEN_MAIL.getSmtp().getPort());
    }

    @Autowired protected MailboxPoller poller;
    @Autowired InboundMailProcessor processor;
    @Autowired protected OutboxSender sender;
    @Autowired Outbox outbox;
    @Autowired MailThreads threads;
    @Autowired MailBounces bounces;
    @Autowired Quarantine quarantine;
    @Autowired MailProperties properties;
    @Autowired dev.flowdesk.mail.Mailboxes mailboxes;
    @Autowired JdbcTemplate jdbc;
    @Autowired TicketService tickets;
    @Autowired RepositoryService repository;
    @Autowired TaskService tasks;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired Scheduler scheduler;
    @Autowired MailboxStatus mailboxStatus;
    @Autowired dev.flowdesk.mail.MailJobs mailJobs;

    // ---- helpers ----------------------------------------------------------------------------------------------

    static byte[] corpus(String name, Map<String, String> values) {
        String text = new String(MimeParserTest.corpus(name), StandardCharsets.ISO_8859_1);
        for (var e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        return text.replace("${n}", String.valueOf(N.incrementAndGet())).getBytes(StandardCharsets.ISO_8859_1);
    }

    protected static void deliver(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        DESK_USER.deliver(message);
    }

    static void deliver(String name) throws Exception {
        deliver(corpus(name, Map.of()));
    }

    /** The desk's mailbox, seeded from the properties above. */
    dev.flowdesk.mail.Mailbox desk() {
        return mailboxes.byAddress(DESK).orElseThrow();
    }

    protected MailboxPoller.PollResult poll() throws Exception {
        return poller.poll(desk());
    }

    /** The Quartz job of the desk's mailbox, run in the test's thread. */
    MailPollJob deskJob() {
        MailPollJob job = new MailPollJob(poller, mailboxStatus, mailboxes, mailJobs);
        job.setMailbox(desk().id());
        return job;
    }

    Long ticketBySubject(String subject) {
        List<Long> ids = jdbc.queryForList("select id from ticket where subject = ? order by id", Long.class, subject);
        assertThat(ids).as("tickets with subject " + subject).hasSize(1);
        return ids.get(0);
    }

    int ticketsWithSubject(String subject) {
        return jdbc.queryForObject("select count(*) from ticket where subject = ?", Integer.class, subject);
    }

    List<Map<String, Object>> articles(long ticketId) {
        return jdbc.queryForList("select * from article where ticket_id = ? order by id", ticketId);
    }

    /** Mail that went out through SMTP (our Message-IDs), by recipient. */
    public static List<MimeMessage> sentTo(String recipient) throws Exception {
        List<MimeMessage> sent = new ArrayList<>();
        for (MimeMessage m : GREEN_MAIL.getReceivedMessages()) {
            String id = m.getMessageID();
            if (id != null && id.endsWith("@flowdesk.test>") && !id.startsWith("<loop-")
                    && Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(recipient))) {
                sent.add(m);
            }
        }
        return sent;
    }

    static int unseen() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GREEN_MAIL.getImap().getPort(), "help", "secret");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.search(new jakarta.mail.search.FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
            inbox.close(false);
            return count;
        } finally {
            store.close();
        }
    }

}
