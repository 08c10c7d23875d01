package dev.flowdesk.mail;

import org.springframework.stereotype.Component;

/**
 * Names Jakarta Mail's {@code StreamProvider} implementation once, as a system property. Jakarta Mail 2.1 looks the
 * provider up for every parsed header block, multipart and encoded word ({@code StreamProvider.provider()}; see
 * jakartaee/mail-api#699 and #861), first in this property and otherwise with a {@link java.util.ServiceLoader} scan
 * of the whole class path — in the Spring Boot jar, every nested jar, for every mail. The mail benchmark found that
 * scan among the hottest frames of the poller and the outbox sender. An explicit setting is left alone.
 */
@Component
class MailStreamProviderSetting {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        if (System.getProperty(PROPERTY) == null) {
            try {
                Class.forName(ANGUS, false, MailStreamProviderSetting.class.getClassLoader());
                System.setProperty(PROPERTY, ANGUS);
            } catch (ClassNotFoundException e) {
                // another Jakarta Mail implementation: its own lookup applies
            }
        }
    }
}
