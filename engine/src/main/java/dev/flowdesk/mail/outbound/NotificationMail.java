package dev.flowdesk.mail.outbound;

import dev.flowdesk.mail.Mailboxes;
import dev.flowdesk.mail.MailThreads;
import dev.flowdesk.mail.MailThreads.ThreadView;
import dev.flowdesk.security.UserDirectory;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mail a model's {@code notify} step sends (the one path for notifications: delegate → outbox → sender). The
 * named template is rendered in the requester's language and written to the outbox in the caller's transaction, so
 * the mail goes out only if the process step commits. Recipients are a comma-separated list of Camunda group ids
 * (their members' addresses), user ids, {@code requester} (the ticket's requester) or literal addresses. The loop
 * guards of automatic mail hold: nothing to an address that bounced permanently, and at most the configured number
 * per address and hour.
 */
@Service
public class NotificationMail {

    private final Mailboxes mailboxes;
    private final MailTemplates templates;
    private final MailThreads threads;
    private final Outbox outbox;
    private final TicketLookup lookup;
    private final IdentityService identity;
    private final UserDirectory users;
    private final dev.flowdesk.mail.MailProperties properties;

    NotificationMail(Mailboxes mailboxes, MailTemplates templates, MailThreads threads, Outbox outbox,
                     TicketLookup lookup, IdentityService identity, UserDirectory users,
                     dev.flowdesk.mail.MailProperties properties) {
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.templates = templates;
        this.threads = threads;
        this.outbox = outbox;
        this.lookup = lookup;
        this.identity = identity;
        this.users = users;
    }

    /**
     * What became of a notification.
     *
     * @param queued   addresses a mail was queued for
     * @param withheld addresses kept from mail: by the loop guards (bounced, too many automatic mails this hour) or
     *                 because they are no valid address
     * @param notSent  why no mail was written at all, or null
     */
    public record Result(List<String> queued, List<String> withheld, String notSent) {
        static Result notSent(String why) {
            return new Result(List.of(), List.of(), why);
        }
    }

    /** Queues the notification; {@code values} are extra template values (e.g. {@code reason}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Result send(long ticketId, String template, String recipients, Map<String, String> values) {
        if (!mailboxes.enabled()) {
            return Result.notSent("mail is not configured");
        }
        if (!templates.exists(template)) {
            return Result.notSent("there is no mail template '" + template + "'");
        }
        TicketRef ticket = lookup.find(ticketId).orElseThrow();
        Set<String> addresses = addresses(recipients, ticket);
        if (addresses.isEmpty()) {
            return Result.notSent("no e-mail address for '" + recipients + "'");
        }
        ThreadView thread = threads.find(ticketId).orElseGet(() ->
                threads.start(ticketId, ticket.number(), requesterAddress(ticket), requesterLanguage(ticket)));
        Map<String, String> context = new HashMap<>(values);
        context.put("number", ticket.number());
        // A subject is one line in a mail header: line breaks a requester typed become spaces before rendering.
        context.put("subject", ticket.subject().replaceAll("\\s+", " ").strip());
        context.put("tag", thread.tag());
        context.put("status", ticket.status());
        context.put("priority", ticket.priority() == null ? "" : ticket.priority());
        context.put("queue", ticket.queue() == null ? "" : ticket.queue());
        context.put("ticketUrl", properties.ticketUrl(ticketId));
        MailTemplates.Rendered mail = templates.render(template, thread.language(), context);
        List<String> ids = threads.messageIds(ticketId);
        List<String> queued = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        for (String address : addresses) {
            if (!outbox.mayAnswerAutomatically(address)) {
                withheld.add(address);
                continue;
            }
            try {
                outbox.enqueue(new Outbox.OutgoingMail(ticketId, template, address, List.of(), mail.subject(),
                        mail.body(), ids.isEmpty() ? null : ids.get(ids.size() - 1), ids, "auto-generated"));
                queued.add(address);
            } catch (IllegalArgumentException e) {
                // An address no mail header may carry (a user's e-mail field is free text): skipped, not fatal.
                withheld.add(address);
            }
        }
        return new Result(queued, withheld, null);
    }

    private Set<String> addresses(String recipients, TicketRef ticket) {
        Set<String> addresses = new LinkedHashSet<>();
        if (recipients == null) {
            return addresses;
        }
        for (String part : recipients.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals("requester")) {
                add(addresses, requesterAddress(ticket));
            } else if (name.contains("@")) {
                add(addresses, name);
            } else if (identity.createGroupQuery().groupId(name).count() > 0) {
                identity.createUserQuery().memberOfGroup(name).orderByUserId().asc().list()
                        .forEach(u -> add(addresses, u.getEmail()));
            } else {
                User user = identity.createUserQuery().userId(name).singleResult();
                add(addresses, user == null ? null : user.getEmail());
            }
        }
        addresses.removeIf(mailboxes::isOwnAddress);
        return addresses;
    }

    /** The requester's address: the one their mails come from, else the ticket's requester or that user's. */
    private String requesterAddress(TicketRef ticket) {
        return threads.find(ticket.id()).map(ThreadView::requesterAddress).filter(a -> a != null && a.contains("@"))
                .orElseGet(() -> {
                    String requester = ticket.requester();
                    if (requester == null || requester.contains("@")) {
                        return requester;
                    }
                    User user = identity.createUserQuery().userId(requester).singleResult();
                    return user == null ? null : user.getEmail();
                });
    }

    private String requesterLanguage(TicketRef ticket) {
        String language = ticket.requester() == null || ticket.requester().contains("@") ? null
                : users.language(ticket.requester());
        return language != null && language.startsWith("de") ? "de" : "en";
    }

    private static void add(Set<String> addresses, String address) {
        if (address != null && !address.isBlank() && address.contains("@")) {
            addresses.add(address.strip().toLowerCase(Locale.ROOT));
        }
    }
}
