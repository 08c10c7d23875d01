package dev.flowdesk.mail.inbound;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.flowdesk.mail.Mailbox;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IMAP IDLE watcher against GreenMail's real IDLE, with the renewal shortened from minutes to two seconds: it
 * stays quiet while nothing arrives (also across renewals, on the same connection), wakes its mailbox's job when a
 * mail arrives, and stops at once.
 */
class IdleWatcherTest {

    private final GreenMail greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    private final BlockingQueue<Instant> wakes = new LinkedBlockingQueue<>();
    private GreenMailUser user;
    private IdleWatcher watcher;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        greenMail.start();
        user = greenMail.setUser("watched@flowdesk.test", "watched", "watched-pw");
        Mailbox mailbox = new Mailbox(1, "imap://watched@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX",
                "watched-pw", "watched@flowdesk.test", null, "INCIDENT", null, Duration.ofMinutes(10), true, true, 1,
                "test", Instant.now());
        watcher = new IdleWatcher(mailbox, m -> wakes.add(Instant.now()), renewer, Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        watcher.stop();
        renewer.shutdownNow();
        greenMail.stop();
    }

    @Test
    void newMailWakesTheJobAndQuietRenewalsDoNot() throws Exception {
        watcher.start();
        await(() -> watcher.state() == IdleWatcher.State.WATCHING);

        // three renewals without mail: nothing to wake for, and no reconnect needed
        Thread.sleep(6_500);
        assertThat(wakes).isEmpty();
        assertThat(watcher.renewals()).isGreaterThanOrEqualTo(2);
        assertThat(watcher.connections()).isEqualTo(1);
        await(() -> watcher.state() == IdleWatcher.State.WATCHING);

        deliver("First");
        assertThat(wakes.poll(10, TimeUnit.SECONDS)).as("woken by IDLE").isNotNull();
    }

    @Test
    void mailThatCameWhileNobodyWatchedWakesTheJobOnConnect() throws Exception {
        deliver("Before the watcher");

        watcher.start();

        assertThat(wakes.poll(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void stopEndsTheWatcherPromptlyEvenInTheMiddleOfAnIdle() throws Exception {
        watcher.start();
        await(() -> watcher.state() == IdleWatcher.State.WATCHING);

        long started = System.nanoTime();
        watcher.stop();

        assertThat(watcher.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(watcher.state()).isEqualTo(IdleWatcher.State.STOPPED);
    }

    private void deliver(String subject) throws Exception {
        String raw = "From: paula@customer.example\r\nTo: watched@flowdesk.test\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + System.nanoTime() + "@customer.example>\r\n\r\nHello\r\n";
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
