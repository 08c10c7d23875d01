package dev.flowdesk.mail.outbound;

import dev.flowdesk.conversation.ConversationEvents.ArticleAdded;
import dev.flowdesk.mail.MailEvents.MailTicketOpened;
import dev.flowdesk.mail.MailEvents.MailVoteRefused;
import dev.flowdesk.mail.Mailboxes;
import dev.flowdesk.mail.MailThreads;
import dev.flowdesk.mail.MailThreads.ThreadView;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import dev.flowdesk.ticket.TicketLookup;
import dev.flowdesk.ticket.TicketLookup.TicketRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the mails that ticket changes cause into the outbox, synchronously inside the transaction of the change (so
 * the outbox row commits or rolls back with it): the acknowledgement of a ticket opened by mail, an agent's public
 * reply and an agent's request for information on a ticket that talks by mail. Machine-written mail is never
 * answered (RFC 3834), and automatic answers per address are rate-limited.
 */
@Component
class MailNotifications {

    private static final Logger log = LoggerFactory.getLogger(MailNotifications.class);

    private final Mailboxes mailboxes;
    private final MailThreads threads;
    private final TicketLookup lookup;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final MailTemplates templates;
    private final dev.flowdesk.mail.MailProperties properties;

    MailNotifications(Mailboxes mailboxes, MailThreads threads, TicketLookup lookup, AuditTrail audit,
                      Outbox outbox, MailTemplates templates, dev.flowdesk.mail.MailProperties properties) {
        this.properties = properties;
        this.templates = templates;
        this.mailboxes = mailboxes;
        this.threads = threads;
        this.lookup = lookup;
        this.audit = audit;
        this.outbox = outbox;
    }

    @EventListener
    void acknowledge(MailTicketOpened opened) {
        if (!mailboxes.enabled() || !opened.autoAnswerAllowed()) {
            return;
        }
        ThreadView thread = threads.find(opened.ticketId()).orElseThrow();
        if (!outbox.mayAnswerAutomatically(opened.address())) {
            audit.record(opened.ticketId(), "mail", AuditEventType.MAIL_SUPPRESSED, "No acknowledgement to " + opened.address()
                    + ": automatic answers to this address are paused", null, Map.of("address", opened.address()));
            return;
        }
        TicketRef ticket = lookup.find(opened.ticketId()).orElseThrow();
        queue(ticket, thread, "ack", opened.address(), List.of(), null, "auto-replied");
    }

    @EventListener
    void agentWrote(ArticleAdded article) {
        if (!mailboxes.enabled() || !article.byAgent() || !"PUBLIC".equals(article.visibility())) {
            return;
        }
        threads.find(article.ticketId()).ifPresent(thread -> {
            if (thread.requesterAddress() == null) {
                return;
            }
            TicketRef ticket = lookup.find(article.ticketId()).orElseThrow();
            List<String> cc = threads.watchers(article.ticketId()).stream()
                    .filter(w -> !w.equalsIgnoreCase(thread.requesterAddress())).toList();
            queue(ticket, thread, article.requestsInformation() ? "request-info" : "reply",
                    thread.requesterAddress(), cc, article.body(), "no");
        });
    }

    /**
     * A ticket with a mail conversation tells its requester by mail when it is resolved (with the confirm / reopen
     * choice and the link to rate the help) and when it is closed, in the same transaction as the status change.
     * Automatic mail: it is marked so, and the per-address limit and hard bounces hold it back.
     */
    @EventListener
    void statusChanged(dev.flowdesk.ticket.TicketEvents.TicketStatusChanged changed) {
        String template = "RESOLVED".equals(changed.to()) ? "resolved" : "CLOSED".equals(changed.to()) ? "closed" : null;
        if (template == null || changed.to().equals(changed.from()) || !mailboxes.enabled()) {
            return;
        }
        threads.find(changed.ticketId()).ifPresent(thread -> {
            String address = thread.requesterAddress();
            if (address == null) {
                return;
            }
            if (!outbox.mayAnswerAutomatically(address)) {
                audit.record(changed.ticketId(), "mail", AuditEventType.MAIL_SUPPRESSED, "No '" + template
                        + "' mail to " + address + ": automatic mail to this address is paused", null,
                        Map.of("address", address));
                return;
            }
            TicketRef ticket = lookup.find(changed.ticketId()).orElseThrow();
            queue(ticket, thread, template, address, List.of(), "", "auto-generated");
        });
    }

    /** A reply meant as a vote decided nothing: its sender learns why (never a machine, within the rate limit). */
    @EventListener
    void explainVote(MailVoteRefused refused) {
        if (!mailboxes.enabled()) {
            return;
        }
        if (!outbox.mayAnswerAutomatically(refused.address())) {
            audit.record(refused.ticketId(), "mail", AuditEventType.MAIL_SUPPRESSED, "No explanation to "
                    + refused.address() + ": automatic answers to this address are paused", null,
                    Map.of("address", refused.address()));
            return;
        }
        ThreadView thread = threads.find(refused.ticketId()).orElseThrow();
        TicketRef ticket = lookup.find(refused.ticketId()).orElseThrow();
        Map<String, String> values = values(ticket, thread, "", properties);
        values.put("reason", refused.reason());
        MailTemplates.Rendered mail = templates.render("approval-reply-refused", thread.language(), values);
        // Threaded under the reply it answers only: the ticket's other mails are none of a stranger's business.
        outbox.enqueue(new Outbox.OutgoingMail(ticket.id(), "approval-reply-refused", refused.address(), List.of(),
                mail.subject(), mail.body(), refused.messageId() == null ? null : MailThreads.key(refused.messageId()),
                refused.messageId() == null ? List.of() : List.of(MailThreads.key(refused.messageId())),
                "auto-replied"));
    }

    private void queue(TicketRef ticket, ThreadView thread, String template, String recipient, List<String> cc,
                       String body, String autoSubmitted) {
        MailTemplates.Rendered mail = templates.render(template, thread.language(), values(ticket, thread, body, properties));
        List<String> ids = threads.messageIds(ticket.id());
        outbox.enqueue(new Outbox.OutgoingMail(ticket.id(), template, recipient, cc, mail.subject(), mail.body(),
                ids.isEmpty() ? null : ids.get(ids.size() - 1), ids, autoSubmitted));
        log.debug("Queued {} mail for ticket {}", template, ticket.number());
    }

    private static Map<String, String> values(TicketRef ticket, ThreadView thread, String body,
                                              dev.flowdesk.mail.MailProperties properties) {
        Map<String, String> values = new HashMap<>();
        values.put("number", ticket.number());
        // A subject is one line in a mail header: line breaks a requester typed become spaces before rendering.
        values.put("subject", ticket.subject().replaceAll("\\s+", " ").strip());
        values.put("tag", thread.tag());
        values.put("status", ticket.status());
        values.put("body", body == null ? "" : body);
        values.put("ticketUrl", properties.ticketUrl(ticket.id()));
        return values;
    }
}
