package dev.flowdesk.mail.admin;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.Mailbox;
import dev.flowdesk.mail.Mailboxes;
import dev.flowdesk.mail.inbound.MailboxProbe;
import dev.flowdesk.mail.inbound.MailboxStatus;
import dev.flowdesk.mail.inbound.MailboxWatchers;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Admins manage the inbound mailboxes: list, read, create, change (optimistic version: 409 on a stale one), disable
 * and delete, and test a connection. Each change is one transaction that also reschedules the mailbox's poll job
 * (see {@code MailPollScheduling}), and is logged with who did it, as rule activations and deployments are. No
 * answer ever carries a password: views show the URL without it and whether one is set.
 */
@Service
public class MailboxAdmin {

    private static final Logger log = LoggerFactory.getLogger(MailboxAdmin.class);

    private final Mailboxes mailboxes;
    private final MailboxStatus status;
    private final MailboxWatchers watchers;
    private final MailboxProbe probe;
    private final MailProperties properties;
    private final IdentityService identity;
    private final RepositoryService repository;
    private final Clock clock;

    MailboxAdmin(Mailboxes mailboxes, MailboxStatus status, MailboxWatchers watchers, MailboxProbe probe,
                 MailProperties properties, IdentityService identity, RepositoryService repository, Clock clock) {
        this.mailboxes = mailboxes;
        this.status = status;
        this.watchers = watchers;
        this.probe = probe;
        this.properties = properties;
        this.identity = identity;
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * A mailbox as admins see it: the URL without password, whether one is set, its settings and version, how its
     * last poll went, and what this node's IMAP IDLE watcher is doing ({@code idleState}, null without one).
     */
    public record MailboxView(long id, String name, String url, boolean hasPassword, String address, String queue,
                              String type, String process, Duration pollInterval, boolean enabled, boolean idle,
                              String idleState, int version, String updatedBy, Instant updatedAt,
                              Instant lastPollAt, Instant lastSuccessAt, String lastError, Integer lastRead,
                              Integer lastCreated, Integer lastAppended, Integer lastQuarantined) {
    }

    @Transactional(readOnly = true)
    public List<MailboxView> list(CurrentUser user) {
        requireAdmin(user);
        return mailboxes.all().stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public MailboxView get(long id, CurrentUser user) {
        requireAdmin(user);
        return view(load(id));
    }

    @Transactional
    public MailboxView create(MailboxInput input, CurrentUser user) {
        requireAdmin(user);
        Mailbox mailbox = checked(input, null, user);
        if (mailbox.enabled() && properties.from() == null) {
            throw DomainException.conflict("Set flowdesk.mail.from (the sender of our mail) before adding a mailbox.");
        }
        Mailbox stored = saved(() -> mailboxes.create(mailbox));
        log.info("{} created mailbox {}: {} ({})", user.id(), stored.id(), stored.displayName(), stored.address());
        return view(stored);
    }

    @Transactional
    public MailboxView update(long id, MailboxInput input, CurrentUser user) {
        requireAdmin(user);
        Mailbox before = load(id);
        Mailbox mailbox = checked(input, before, user);
        if (mailbox.enabled() && properties.from() == null) {
            throw DomainException.conflict("Set flowdesk.mail.from (the sender of our mail) before enabling a mailbox.");
        }
        Mailbox stored = saved(() -> mailboxes.update(mailbox));
        log.info("{} changed mailbox {} to version {}: {} ({}){}{}", user.id(), id, stored.version(),
                stored.displayName(), stored.address(), stored.enabled() ? "" : ", disabled",
                stored.password() != null && !stored.password().equals(before.password()) ? ", new password" : "");
        return view(stored);
    }

    /** Deletes a mailbox (its poll job and status go with it); {@code version}, when given, must be current. */
    @Transactional
    public void delete(long id, Integer version, CurrentUser user) {
        requireAdmin(user);
        Mailbox before = load(id);
        mailboxes.delete(id, version == null ? before.version() : version);
        status.forget(id);
        log.info("{} deleted mailbox {}: {} ({})", user.id(), id, before.displayName(), before.address());
    }

    /** Connects to the mailbox as stored and counts its messages; changes nothing. */
    public MailboxProbe.Probe test(long id, CurrentUser user) {
        requireAdmin(user);
        return probe.probe(load(id));
    }

    private Mailbox load(long id) {
        return mailboxes.find(id).orElseThrow(() -> DomainException.notFound("Mailbox " + id));
    }

    private Mailbox checked(MailboxInput input, Mailbox before, CurrentUser user) {
        if (input == null) {
            throw DomainException.badRequest("A mailbox is required as the request body.");
        }
        MailboxInput.Result result = input.apply(before, user.id(), clock.instant());
        List<FieldError> errors = new ArrayList<>(result.errors());
        Mailbox m = result.mailbox();
        if (m != null) {
            mailboxes.byAddress(m.address()).filter(other -> other.id() != m.id()).ifPresent(other -> errors.add(
                    new FieldError("address", "is already the address of mailbox " + other.id())));
            if (m.queue() != null && (before == null || !m.queue().equals(before.queue()))
                    && identity.createGroupQuery().groupId(m.queue()).count() == 0) {
                errors.add(new FieldError("queue", "there is no queue '" + m.queue() + "'"));
            }
            if (m.process() != null && (before == null || !m.process().equals(before.process()))
                    && repository.createProcessDefinitionQuery().processDefinitionKey(m.process()).latestVersion()
                    .active().count() == 0) {
                errors.add(new FieldError("process", "no active process '" + m.process() + "' is deployed"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return m;
    }

    /** Two admins adding the same address at once: the unique index answers, as a conflict. */
    private static Mailbox saved(java.util.function.Supplier<Mailbox> save) {
        try {
            return save.get();
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("Another mailbox has this address (added meanwhile); reload the list.");
        }
    }

    private MailboxView view(Mailbox m) {
        var last = status.of(m.id()).orElse(null);
        return new MailboxView(m.id(), m.displayName(), m.url(), m.hasPassword(), m.address(), m.queue(), m.type(),
                m.process(), m.pollInterval(), m.enabled(), m.idle(), watchers.state(m.id()).orElse(null),
                m.version(), m.updatedBy(), m.updatedAt(),
                last == null ? null : last.lastPollAt(), last == null ? null : last.lastSuccessAt(),
                last == null ? null : last.lastError(), last == null ? null : last.lastRead(),
                last == null ? null : last.lastCreated(), last == null ? null : last.lastAppended(),
                last == null ? null : last.lastQuarantined());
    }

    private static void requireAdmin(CurrentUser user) {
        user.requireAny("Only administrators manage the mail channel.", Role.ADMIN);
    }
}
