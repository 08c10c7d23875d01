package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.Mailbox;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.springframework.stereotype.Component;

import java.util.Properties;

/**
 * An admin's "test connection": logs in, opens the folder read-only and counts its messages, changing nothing. The
 * answer is the counts or the server's error text (with the password blotted out, should a server repeat it).
 */
@Component
public class MailboxProbe {

    /** What the test found: {@code ok} with the counts, or the error. */
    public record Probe(boolean ok, Integer messages, Integer unseen, Boolean idle, String error) {
    }

    public Probe probe(Mailbox mailbox) {
        Properties settings = MailboxPoller.sessionProperties();
        for (String protocol : new String[] {"imap", "imaps"}) {
            // An admin waits for the answer: a dead host must not hold the request for a minute.
            settings.setProperty("mail." + protocol + ".timeout", "10000");
        }
        Store store = null;
        try {
            store = Session.getInstance(settings).getStore(mailbox.urlName());
            store.connect();
            Boolean idle = store instanceof IMAPStore imap ? imap.hasCapability("IDLE") : null;
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_ONLY);
            try {
                return new Probe(true, folder.getMessageCount(), folder.getUnreadMessageCount(), idle, null);
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (mailbox.hasPassword()) {
                text = text.replace(mailbox.password(), "***");
            }
            return new Probe(false, null, null, null, text);
        } finally {
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException ignored) {
                    // nothing was changed; the connection is of no further use
                }
            }
        }
    }
}
