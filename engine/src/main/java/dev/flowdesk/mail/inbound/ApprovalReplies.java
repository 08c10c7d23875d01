package dev.flowdesk.mail.inbound;

import dev.flowdesk.approval.ApprovalService;
import dev.flowdesk.mail.MailEvents;
import dev.flowdesk.mail.MailThreads;
import dev.flowdesk.mail.MailThreads.ThreadView;
import dev.flowdesk.mail.outbound.Outbox;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Approvals by mail. A reply is a vote when it carries the ticket's tag with the right token and either starts with
 * a decision word (APPROVE/GENEHMIGT, REJECT/ABGELEHNT; the rest of the text up to the quoted mail is the comment)
 * from someone who is not the ticket's requester or watcher, or answers one of our approval requests. It decides
 * through {@link ApprovalService} as the user whose address sent it, with the same approver and four-eyes checks as
 * the API. A vote that decides nothing (a stranger, no open approval, no decision word, a four-eyes refusal) changes
 * nothing but the history, and its sender is told why. Machine-written mail is never a vote and never answered.
 */
@Component
class ApprovalReplies {

    static final String APPROVAL_REQUEST_TEMPLATE = "approval-request";
    private static final Pattern QUOTE_START = Pattern.compile(
            "^(>.*|-- ?|-+ ?(Original Message|Ursprüngliche Nachricht) ?-+|(On|Am) .*(wrote|schrieb).*:?)$",
            Pattern.CASE_INSENSITIVE);

    private final MailThreads threads;
    private final Outbox outbox;
    private final ApprovalService approvals;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    ApprovalReplies(MailThreads threads, Outbox outbox, ApprovalService approvals, AuditTrail audit,
                    ApplicationEventPublisher events) {
        this.threads = threads;
        this.outbox = outbox;
        this.approvals = approvals;
        this.audit = audit;
        this.events = events;
    }

    /** The decision a reply states: the decision, the comment, or no decision word. */
    record Vote(String decision, String comment) {
    }

    /** Is this mail a vote on the ticket's approval? Only with the right tag, and never machine-written mail. */
    boolean isVote(ParsedMail mail, ThreadView thread, boolean requesterOrWatcher, AutoReplyDetector.Verdict verdict) {
        if (verdict.generated() || MailThreads.findTag(mail.subject()).flatMap(threads::findByTag)
                .filter(t -> t.ticketId() == thread.ticketId()).isEmpty()) {
            return false;
        }
        return (!requesterOrWatcher && parse(mail.text()).decision() != null)
                || outbox.isAnswerTo(mail.threadIds().stream().map(MailThreads::key).toList(),
                APPROVAL_REQUEST_TEMPLATE);
    }

    /**
     * Decides the vote, in the caller's transaction. Returns true when it decided; otherwise the refusal is recorded
     * on the ticket and an explanation goes to the sender.
     */
    boolean decide(ParsedMail mail, ThreadView thread, Optional<CurrentUser> user) {
        String sender = mail.from().normalized();
        Vote vote = parse(mail.text());
        Optional<String> refusal;
        if (user.isEmpty()) {
            refusal = Optional.of("The address " + sender + " does not belong to an approver of this ticket.");
        } else if (vote.decision() == null) {
            refusal = Optional.of("Your reply did not start with APPROVE or REJECT (GENEHMIGT or ABGELEHNT).");
        } else {
            refusal = approvals.decideOnTicket(thread.ticketId(), vote.decision(), vote.comment(), user.get());
        }
        if (refusal.isEmpty()) {
            return true;
        }
        audit.record(thread.ticketId(), "mail", AuditEventType.MAIL_VOTE_REFUSED, "A vote by mail from " + sender
                + " decided nothing: " + refusal.get(), null, Map.of("address", sender, "reason", refusal.get()));
        events.publishEvent(new MailEvents.MailVoteRefused(thread.ticketId(), sender, mail.messageId(),
                refusal.get()));
        return false;
    }

    /** The first word of the reply as a decision, and the rest up to the quoted mail as the comment. */
    static Vote parse(String text) {
        if (text == null) {
            return new Vote(null, null);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.strip().split("\r?\n")) {
            if (QUOTE_START.matcher(line.strip()).matches()) {
                break;
            }
            lines.add(line);
        }
        String own = String.join("\n", lines).strip();
        String[] parts = own.split("[\\s:,.;!]+", 2);
        String decision = switch (parts[0].toUpperCase(Locale.ROOT)) {
            case "APPROVE", "GENEHMIGT" -> "APPROVE";
            case "REJECT", "ABGELEHNT" -> "REJECT";
            default -> null;
        };
        String comment = decision == null || parts.length < 2 ? null : parts[1].strip();
        return new Vote(decision, comment == null || comment.isEmpty() ? null : comment);
    }
}
