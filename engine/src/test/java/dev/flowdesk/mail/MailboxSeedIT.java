package dev.flowdesk.mail;

import dev.flowdesk.FlowdeskApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Configurable by properties for the first start, and by admins afterwards", on the embedded H2 database across a
 * restart: the first start copies {@code flowdesk.mail.mailboxes} into the table (password apart from the URL) and
 * schedules its job; once admins have deleted it, a restart with other mailbox properties copies nothing.
 */
class MailboxSeedIT {

    @TempDir
    Path dir;

    @Test
    void thePropertiesSeedTheMailboxesOnTheFirstStartOnly() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("flowdesk") + ";AUTO_SERVER=FALSE";
        try (ConfigurableApplicationContext app = start(url, "first")) {
            Mailboxes mailboxes = app.getBean(Mailboxes.class);
            Mailbox first = mailboxes.byAddress("first@flowdesk.test").orElseThrow();
            assertThat(first.url()).isEqualTo("imap://first@127.0.0.1:1/INBOX");
            assertThat(first.password()).isEqualTo("p@ss:first");
            assertThat(first.queue()).isEqualTo("service-desk");
            assertThat(mailboxes.isOwnAddress("FIRST@flowdesk.test")).isTrue();
            Scheduler scheduler = app.getBean(Scheduler.class);
            assertThat(scheduler.checkExists(JobKey.jobKey(first.jobName(), "mail"))).isTrue();

            app.getBean(TransactionTemplate.class).executeWithoutResult(tx ->
                    mailboxes.delete(first.id(), first.version()));

            assertThat(scheduler.checkExists(JobKey.jobKey(first.jobName(), "mail"))).isFalse();
            assertThat(mailboxes.isOwnAddress("first@flowdesk.test")).isFalse();
        }
        try (ConfigurableApplicationContext app = start(url, "second")) {
            Mailboxes mailboxes = app.getBean(Mailboxes.class);
            assertThat(mailboxes.all()).isEmpty();
            assertThat(mailboxes.isOwnAddress("second@flowdesk.test")).isFalse();
            // outbound notifications stay on: flowdesk.mail.from is set
            assertThat(mailboxes.enabled()).isTrue();
            Set<JobKey> jobs = app.getBean(Scheduler.class).getJobKeys(GroupMatcher.jobGroupEquals("mail"));
            assertThat(jobs).extracting(JobKey::getName).noneMatch(n -> n.startsWith(Mailbox.JOB_PREFIX));
        }
    }

    private static ConfigurableApplicationContext start(String url, String mailbox) {
        // Command-line arguments, because application.yml's datasource default outranks builder properties.
        return new SpringApplicationBuilder(FlowdeskApplication.class).profiles("demo")
                .run("--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.webapp.enabled=false",
                        "--flowdesk.mail.from=help@flowdesk.test", "--flowdesk.mail.idle=false",
                        "--flowdesk.mail.mailboxes[0].url=imap://" + mailbox + ":p%40ss%3A" + mailbox
                                + "@127.0.0.1:1/INBOX",
                        "--flowdesk.mail.mailboxes[0].address=" + mailbox + "@flowdesk.test",
                        "--flowdesk.mail.mailboxes[0].queue=service-desk",
                        "--flowdesk.mail.mailboxes[0].poll-interval=PT1H");
    }
}
