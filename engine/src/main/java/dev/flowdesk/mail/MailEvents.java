package dev.flowdesk.mail;

/** Events of the mail channel, published inside the transaction that caused them. */
public final class MailEvents {

    private MailEvents() {
    }

    /**
     * A mail opened a ticket.
     *
     * @param address           the sender, who gets the acknowledgement
     * @param messageId         the Message-ID of the mail (null if it had none), for In-Reply-To
     * @param autoAnswerAllowed false for mail a machine wrote (RFC 3834: never answer it automatically)
     */
    public record MailTicketOpened(long ticketId, String address, String messageId, boolean autoAnswerAllowed) {
    }

    /**
     * A reply meant as a vote on an approval decided nothing; its sender is told why.
     *
     * @param address   the sender
     * @param messageId the Message-ID of the reply (null if it had none), for In-Reply-To
     * @param reason    why nothing was decided, in words for the sender
     */
    public record MailVoteRefused(long ticketId, String address, String messageId, String reason) {
    }
}
