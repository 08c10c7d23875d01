package dev.flowdesk.mail.inbound;

import dev.flowdesk.conversation.Conversation;
import dev.flowdesk.attachment.AttachmentView;
import dev.flowdesk.attachment.Attachments;
import dev.flowdesk.conversation.Conversation.MailArticle;
import dev.flowdesk.mail.MailBounces;
import dev.flowdesk.mail.MailEvents;
import dev.flowdesk.mail.MailProperties;
import dev.flowdesk.mail.MailThreads;
import dev.flowdesk.mail.MailThreads.ThreadView;
import dev.flowdesk.mail.inbound.ParsedMail.MailAddress;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.security.UserDirectory;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import dev.flowdesk.ticket.TicketAccessPolicy;
import dev.flowdesk.ticket.TicketLinks;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns one received mail into ticket changes, in one transaction: its key is stored first (unique, so a copy read
 * again after a crash between commit and flag changes nothing), then it is threaded (subject tag with the right
 * token, then In-Reply-To/References) and appended when it comes from the requester, a watcher or an agent of that
 * ticket, or else opens a new ticket. Mail a machine wrote is appended or opens a ticket like any other, but never
 * advances a process and never gets an automatic answer; a delivery report records a bounce and opens nothing. A
 * reply that votes on the ticket's approval is handled by {@link ApprovalReplies}.
 */
@Service
class InboundMailProcessor {

    static final String LINK_TYPE = "MAIL_REFERS_TO";
    private static final String ACTOR = "mail";

    enum Outcome { CREATED, APPENDED, DUPLICATE, OWN_MAIL, BOUNCE, VOTED, VOTE_REFUSED }

    record Result(Outcome outcome, Long ticketId, AutoReplyDetector.Verdict verdict) {
    }

    private final MailProperties properties;
    private final dev.flowdesk.mail.Mailboxes mailboxes;
    private final MailThreads threads;
    private final MailBounces bounces;
    private final TicketService tickets;
    private final TicketLookup lookup;
    private final TicketLinks links;
    private final TicketAccessPolicy access;
    private final AuditTrail audit;
    private final Conversation conversation;
    private final UserDirectory users;
    private final ApplicationEventPublisher events;
    private final ApprovalReplies approvalReplies;
    private final Attachments files;

    InboundMailProcessor(MailProperties properties, dev.flowdesk.mail.Mailboxes mailboxes, MailThreads threads,
                         MailBounces bounces, TicketService tickets,
                         TicketLookup lookup, TicketLinks links, TicketAccessPolicy access, AuditTrail audit,
                         Conversation conversation, UserDirectory users, ApplicationEventPublisher events,
                         ApprovalReplies approvalReplies, Attachments files) {
        this.approvalReplies = approvalReplies;
        this.files = files;
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.threads = threads;
        this.bounces = bounces;
        this.tickets = tickets;
        this.lookup = lookup;
        this.links = links;
        this.access = access;
        this.audit = audit;
        this.conversation = conversation;
        this.users = users;
        this.events = events;
    }

    /** The key a message is known by: its Message-ID, or the SHA-256 of its bytes when it has none. */
    static String keyOf(ParsedMail mail, byte[] raw) {
        return mail != null && mail.messageId() != null ? MailThreads.key(mail.messageId()) : MailThreads.keyOfRaw(raw);
    }

    @Transactional
    public Result process(ParsedMail mail, String key, dev.flowdesk.mail.Mailbox mailbox) {
        if (threads.isKnown(key)) {
            return new Result(Outcome.DUPLICATE, null, null);
        }
        AutoReplyDetector.Verdict verdict = AutoReplyDetector.inspect(mail, properties.messageIdDomain());
        String box = mailbox.displayName();
        if (verdict.ownMail() || mailboxes.isOwnAddress(mail.from().address())) {
            threads.recordInbound(key, null, Outcome.OWN_MAIL.name(), box);
            return new Result(Outcome.OWN_MAIL, null, verdict);
        }
        if (verdict.bounce()) {
            return bounce(mail, key, box, verdict);
        }
        Optional<ThreadView> thread = thread(mail);
        String sender = mail.from().normalized();
        Optional<CurrentUser> user = users.byEmail(sender);
        if (thread.isPresent()) {
            long ticketId = thread.get().ticketId();
            TicketRef ticket = lookup.find(ticketId).orElseThrow();
            boolean requester = sender.equalsIgnoreCase(thread.get().requesterAddress())
                    || sender.equalsIgnoreCase(ticket.requester())
                    || user.map(u -> u.isRequester(ticket.requester())).orElse(false);
            boolean watcher = threads.watchers(ticketId).contains(sender);
            if (approvalReplies.isVote(mail, thread.get(), requester || watcher, verdict)) {
                Outcome outcome = approvalReplies.decide(mail, thread.get(), user) ? Outcome.VOTED
                        : Outcome.VOTE_REFUSED;
                // In the vote's transaction: a second copy of this mail fails on the unique key and votes nothing.
                threads.recordInbound(key, ticketId, outcome.name(), box);
                return new Result(outcome, ticketId, verdict);
            }
            boolean agent = !requester && user.filter(CurrentUser::isAgent)
                    .filter(u -> access.maySee(ticketId, u)).isPresent();
            if ((requester || watcher || agent) && !TicketLookup.isOver(ticket.status())) {
                threads.recordInbound(key, ticketId, Outcome.APPENDED.name(), box);
                conversation.addFromMail(ticketId, article(ticketId, mail, user, requester, agent, !verdict.generated()));
                if (!verdict.generated()) {
                    threads.addWatchers(ticketId, copied(mail, ticket.requester(), thread.get()));
                }
                return new Result(Outcome.APPENDED, ticketId, verdict);
            }
            // A stranger who knows the tag, or a reply to a closed ticket: a new ticket, linked to the first.
            return open(mail, key, mailbox, user, verdict, ticketId);
        }
        return open(mail, key, mailbox, user, verdict, null);
    }

    private Result open(ParsedMail mail, String key, dev.flowdesk.mail.Mailbox mailbox, Optional<CurrentUser> user,
                        AutoReplyDetector.Verdict verdict, Long relatedTicketId) {
        String sender = mail.from().normalized();
        CurrentUser actor = user.orElseGet(() -> new CurrentUser(sender,
                mail.from().name() == null ? sender : mail.from().name(), sender, List.of(), Set.of(Role.USER), null));
        String requester = user.map(CurrentUser::id).orElse(sender);
        String subject = mail.subject() == null || mail.subject().isBlank() ? "(no subject)" : mail.subject();
        if (subject.length() > 200) {
            subject = subject.substring(0, 197) + "...";
        }
        String description = mail.text().isBlank() ? "(empty message)" : mail.text();
        OpenedTicket opened = tickets.open(new NewTicket(mailbox.type(), "EMAIL", subject, description, requester,
                null, null, null, Map.of(), mailbox.process()), actor, mailbox.queue());
        String language = language(mail, user);
        ThreadView thread = threads.start(opened.ticketId(), opened.number(), sender, language);
        threads.recordOpened(key, opened.ticketId(), mailbox.displayName());
        conversation.addFromMail(opened.ticketId(), article(opened.ticketId(), mail, user, true, false, false));
        if (!verdict.generated()) {
            threads.addWatchers(opened.ticketId(), copied(mail, requester, thread));
        }
        if (relatedTicketId != null) {
            links.link(opened.ticketId(), relatedTicketId, LINK_TYPE, ACTOR);
        }
        events.publishEvent(new MailEvents.MailTicketOpened(opened.ticketId(), sender, mail.messageId(),
                !verdict.generated()));
        return new Result(Outcome.CREATED, opened.ticketId(), verdict);
    }

    /** A delivery status notification: the recipients that failed are recorded; nothing is opened or answered. */
    private Result bounce(ParsedMail mail, String key, String box, AutoReplyDetector.Verdict verdict) {
        Long ticketId = null;
        if (mail.report() != null && mail.report().originalMessageId() != null) {
            ticketId = threads.ticketOf(List.of(MailThreads.key(mail.report().originalMessageId()))).orElse(null);
        }
        if (ticketId == null) {
            ticketId = threads.ticketOf(mail.threadIds().stream().map(MailThreads::key).toList()).orElse(null);
        }
        threads.recordInbound(key, ticketId, Outcome.BOUNCE.name(), box);
        if (mail.report() != null) {
            for (var recipient : mail.report().recipients()) {
                if (recipient.failed()) {
                    bounces.record(recipient.address(), recipient.status(), recipient.diagnostic());
                    if (ticketId != null) {
                        audit.record(ticketId, ACTOR, AuditEventType.MAIL_BOUNCED, "Mail to " + recipient.address()
                                + " bounced (" + recipient.status() + ")", null, Map.of("address", recipient.address(),
                                "status", String.valueOf(recipient.status())));
                    }
                }
            }
        }
        return new Result(Outcome.BOUNCE, ticketId, verdict);
    }

    /** Subject tag with the right token first; then the Message-IDs the mail answers. */
    private Optional<ThreadView> thread(ParsedMail mail) {
        Optional<ThreadView> byTag = MailThreads.findTag(mail.subject()).flatMap(threads::findByTag);
        if (byTag.isPresent()) {
            return byTag;
        }
        return threads.ticketOf(mail.threadIds().stream().map(MailThreads::key).toList()).flatMap(threads::find);
    }

    /** The mail as an article of {@code ticketId}; its files go to the attachment store (refused ones by name only). */
    private MailArticle article(long ticketId, ParsedMail mail, Optional<CurrentUser> user, boolean fromRequester,
                                boolean byAgent, boolean mayAdvanceProcess) {
        String author = user.map(CurrentUser::id).orElse(mail.from().normalized());
        List<AttachmentView> attachments = mail.attachments().stream()
                .map(a -> files.storeFromMail(ticketId, author, a.name(), a.contentType(), a.contentId(), a.content()))
                .toList();
        return new MailArticle(author, mail.from().toString(),
                addresses(mail.to()), addresses(mail.cc()), mail.text(), mail.html(), attachments, fromRequester,
                byAgent, mayAdvanceProcess);
    }

    /** Addresses copied on the mail (CC) who become watchers: not us, not the sender, not the requester. */
    private Set<String> copied(ParsedMail mail, String requester, ThreadView thread) {
        Set<String> watchers = new LinkedHashSet<>();
        for (MailAddress cc : mail.cc()) {
            String address = cc.normalized();
            if (!mailboxes.isOwnAddress(address) && !address.equals(mail.from().normalized())
                    && !address.equalsIgnoreCase(requester) && !address.equalsIgnoreCase(thread.requesterAddress())) {
                watchers.add(address);
            }
        }
        return watchers;
    }

    private String language(ParsedMail mail, Optional<CurrentUser> user) {
        String known = user.map(u -> users.language(u.id())).orElse(null);
        String declared = Stream.of(known, mail.header("content-language"), mail.header("accept-language"))
                .filter(l -> l != null && !l.isBlank()).findFirst().orElse("en");
        return declared.strip().toLowerCase(Locale.ROOT).startsWith("de") ? "de" : "en";
    }

    private static List<String> addresses(List<MailAddress> list) {
        return list.stream().map(MailAddress::address).toList();
    }
}
