import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;

/**
 * The mail benchmark's mail side (issue 9), run by {@code engine/bench/mail.sh} with the greenmail-standalone jar
 * (GreenMail and Jakarta Mail) on the class path:
 *
 * <pre>
 * java MailBench fill --maildir DIR --messages N --ready FILE             N messages written into the Maildir DIR
 * java MailBench serve --smtp PORT --ready FILE                           GreenMail SMTP only: accepts every mail
 * java MailBench serve --smtp PORT --imap PORT --messages N --ready FILE  GreenMail SMTP and IMAP, INBOX filled
 * java MailBench bare --imap PORT                                          the baseline: fetch and read everything
 * java MailBench unseen --imap PORT                                        how many messages are still unseen
 * </pre>
 *
 * <p>The desk's INBOX (user {@code help}, password {@code secret}, address {@code help@flowdesk.test}) holds N
 * messages of the mix a service desk receives — plain text, multipart/alternative with HTML, a small PDF attachment,
 * ISO-8859-1 with encoded words — each with its own Message-ID, subject number ({@code #i}) and one of 5,000 senders.
 * {@code fill} writes them as files into the {@code new/} directory of a Maildir served by Dovecot (what a delivery
 * agent does, minus the per-message round trip: 20,000 messages take seconds), named so that Dovecot gives them
 * UIDs in the order of their numbers. {@code serve} is GreenMail: for SMTP alone it accepts (and keeps) the
 * acknowledgements Flowdesk sends during the run; with {@code --imap} it also fills and serves the INBOX itself (the
 * old harness, usable for small mailboxes only: GreenMail 2.1.5's IMAP costs the square of the mailbox size). It
 * writes FILE when ready, then serves until it is killed. {@code bare} is what Jakarta Mail alone costs for the same
 * mailbox: open INBOX read-only, FETCH envelope, flags and structure and the whole message in one command per 500
 * messages, then parse every message into text — no database, no \Seen flag. It prints one tab-separated line:
 * messages, seconds, messages per second, bytes.
 */
public class MailBench {

    static final String DESK = "help@flowdesk.test";

    public static void main(String[] args) throws Exception {
        Properties options = new Properties();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.setProperty(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args.length == 0 ? "" : args[0]) {
            case "fill" -> fill(Path.of(options.getProperty("maildir")),
                    Integer.parseInt(options.getProperty("messages")), Path.of(options.getProperty("ready")));
            case "serve" -> serve(Integer.parseInt(options.getProperty("smtp")),
                    Integer.parseInt(options.getProperty("imap", "0")),
                    Integer.parseInt(options.getProperty("messages", "0")), Path.of(options.getProperty("ready")));
            case "bare" -> bare(Integer.parseInt(options.getProperty("imap")));
            case "unseen" -> System.out.println(unseen(Integer.parseInt(options.getProperty("imap"))));
            default -> throw new IllegalArgumentException("usage: MailBench fill|serve|bare|unseen --imap PORT ...");
        }
    }

    // ---- the mailbox: a Maildir for Dovecot, or GreenMail ---------------------------------------------------------

    /**
     * Writes messages 1..N into {@code maildir/new} as Dovecot's own delivery agent would: one file per message, lines
     * ending in LF (Dovecot serves them with CRLF), no flags (so unseen). The names follow the Maildir convention
     * ({@code time.unique.host}) with the physical and the IMAP size ({@code ,S=} and {@code ,W=}, as dovecot-lda
     * writes them); their time part counts up one second per message from the messages' Date header, and so do the
     * files' modification times, which Dovecot reads as the arrival dates.
     */
    static void fill(Path maildir, int messages, Path ready) throws Exception {
        for (String dir : new String[] {"new", "cur", "tmp"}) {
            Files.createDirectories(maildir.resolve(dir));
        }
        long first = 1764748800L; // 2025-12-03 08:00 UTC = the Date header, 09:00 +0100
        long pid = ProcessHandle.current().pid();
        long started = System.nanoTime();
        long bytes = 0;
        for (int i = 1; i <= messages; i++) {
            byte[] raw = message(i);
            bytes += raw.length;
            byte[] lf = new byte[raw.length];
            int n = 0;
            for (int k = 0; k < raw.length; k++) {
                if (raw[k] != '\r' || k + 1 == raw.length || raw[k + 1] != '\n') {
                    lf[n++] = raw[k];
                }
            }
            Path file = maildir.resolve("new").resolve(String.format(Locale.ROOT, "%d.M%dP%d.mailbench,S=%d,W=%d",
                    first + i, i, pid, n, raw.length));
            try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(lf, 0, n);
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis((first + i) * 1000));
        }
        System.err.printf(Locale.ROOT, "mailbench: Maildir filled with %d messages (%.1f MB) in %.1f s%n", messages,
                bytes / 1e6, (System.nanoTime() - started) / 1e9);
        Files.writeString(ready, messages + "\t" + bytes + "\n");
    }

    /** GreenMail: SMTP (accepting every mail) and, when imap is not 0, an IMAP INBOX filled with N messages. */
    static void serve(int smtp, int imap, int messages, Path ready) throws Exception {
        ServerSetup smtpSetup = new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = new GreenMail(imap == 0 ? new ServerSetup[] {smtpSetup} : new ServerSetup[] {
                smtpSetup, new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        GreenMailUser desk = greenMail.setUser(DESK, "help", "secret");
        Session session = Session.getInstance(new Properties());
        long started = System.nanoTime();
        long bytes = 0;
        for (int i = 1; i <= messages && imap != 0; i++) {
            byte[] raw = message(i);
            bytes += raw.length;
            desk.deliver(new MimeMessage(session, new ByteArrayInputStream(raw)));
        }
        if (imap != 0) {
            System.err.printf(Locale.ROOT, "mailbench: INBOX filled with %d messages (%.1f MB) in %.1f s%n",
                    messages, bytes / 1e6, (System.nanoTime() - started) / 1e9);
        }
        Files.writeString(ready, messages + "\t" + bytes + "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
        Thread.currentThread().join(); // until killed
    }

    /** Message number i of the mix: 55 % plain, 25 % HTML alternative, 10 % PDF attachment, 10 % ISO-8859-1. */
    static byte[] message(int i) throws Exception {
        int sender = i % 5000;
        String from = "Customer " + sender + " <customer" + sender + "@org" + (sender % 50) + ".example>";
        String head = "From: " + from + "\r\nTo: Service Desk <" + DESK + ">\r\n"
                + "Date: Wed, 3 Dec 2025 09:00:00 +0100\r\nMessage-ID: <bench-" + i + "@org" + (sender % 50)
                + ".example>\r\nMIME-Version: 1.0\r\n";
        String text = "Hello,\r\n\r\nsince this morning the " + THINGS[i % THINGS.length] + " does not work. We "
                + "tried to restart it twice, without success. Three colleagues in our team are affected and\r\n"
                + "cannot work on their orders. Please call me back, extension " + (1000 + i % 9000) + ".\r\n\r\n"
                + "Kind regards\r\nCustomer " + sender + "\r\n";
        String subject = "The " + THINGS[i % THINGS.length] + " does not work #" + i;
        int kind = i % 20;
        String mail;
        if (kind < 11) {
            mail = head + "Subject: " + subject + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text;
        } else if (kind < 16) {
            mail = head + "Subject: " + subject + "\r\nContent-Type: multipart/alternative; boundary=\"ALT" + i
                    + "\"\r\n\r\n--ALT" + i + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + text + "\r\n--ALT" + i
                    + "\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><style>p{margin:0}</style>"
                    + "</head><body><div class=\"WordSection1\"><p>" + text.replace("\r\n", "<br>\r\n")
                    + "</p></div></body></html>\r\n--ALT" + i + "--\r\n";
        } else if (kind < 18) {
            mail = head + "Subject: " + subject + "\r\nContent-Type: multipart/mixed; boundary=\"MIX" + i
                    + "\"\r\n\r\n--MIX" + i + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text
                    + "\r\n--MIX" + i + "\r\nContent-Type: application/pdf; name=\"error-" + i + ".pdf\"\r\n"
                    + "Content-Disposition: attachment; filename=\"error-" + i + ".pdf\"\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n" + PDF + "\r\n--MIX" + i + "--\r\n";
        } else {
            mail = head + "Subject: " + MimeUtility.encodeText("Störung: " + subject, "ISO-8859-1", "Q")
                    + "\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + "Grüße aus Köln, " + text;
            return mail.getBytes(StandardCharsets.ISO_8859_1);
        }
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    static final String[] THINGS = {"printer on floor 3", "VPN client", "shared drive S:", "label printer",
            "Outlook calendar", "badge reader at the main entrance", "projector in room 2.07", "ERP login",
            "docking station", "scanner in the mail room", "Wi-Fi in building B", "invoice export"};
    static final String PDF;

    static {
        byte[] pdf = new byte[24 * 1024];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31 + (i >>> 7));
        }
        PDF = Base64.getMimeEncoder().encodeToString(pdf);
    }

    // ---- the baseline ---------------------------------------------------------------------------------------------

    static void bare(int imap) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.peek", "true"); // reading must not flag \Seen: Flowdesk reads them next
        Store store = Session.getInstance(properties).getStore("imap");
        long started = System.nanoTime();
        store.connect("127.0.0.1", imap, "help", "secret");
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        Message[] messages = inbox.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.CONTENT_INFO);
        // The whole messages in the same batch FETCH: one command for the mailbox instead of one round trip per
        // message (-Dmailbench.whole=false measures the latter, which is what a per-message writeTo costs).
        if (!"false".equals(System.getProperty("mailbench.whole"))) {
            profile.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.MESSAGE);
        }
        Session parsing = Session.getInstance(new Properties());
        long bytes = 0;
        long characters = 0;
        for (int from = 0; from < messages.length; from += 500) {
            Message[] chunk = java.util.Arrays.copyOfRange(messages, from, Math.min(messages.length, from + 500));
            inbox.fetch(chunk, profile);
            for (Message message : chunk) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream(8192);
                message.writeTo(raw);
                bytes += raw.size();
                MimeMessage parsed = new MimeMessage(parsing, new ByteArrayInputStream(raw.toByteArray()));
                characters += String.valueOf(parsed.getSubject()).length()
                        + parsed.getFrom()[0].toString().length() + text(parsed);
            }
        }
        inbox.close(false);
        store.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(Locale.ROOT, "mailbench: bare Jakarta Mail read %d messages (%d characters of text)%n",
                messages.length, characters);
        System.out.printf(Locale.ROOT, "%d\t%.2f\t%.1f\t%d%n", messages.length, seconds, messages.length / seconds,
                bytes);
    }

    /** Reads every part: text as characters, anything else as decoded bytes. */
    static long text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            long n = 0;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                n += text(body);
            }
            return n;
        }
        if (content instanceof String s) {
            return s.length();
        }
        if (content instanceof InputStream in) {
            try (in) {
                return in.readAllBytes().length;
            }
        }
        return 0;
    }

    static int unseen(int imap) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap, "help", "secret");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int count = inbox.getUnreadMessageCount();
            inbox.close(false);
            return count;
        } finally {
            store.close();
        }
    }
}
