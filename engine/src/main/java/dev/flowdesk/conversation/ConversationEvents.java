package dev.flowdesk.conversation;

/** Events published by the conversation, inside the transaction that added the article. */
public final class ConversationEvents {

    private ConversationEvents() {
    }

    /**
     * An article was added to a ticket's conversation.
     *
     * @param byAgent              written by an agent (not by the requester or a watcher)
     * @param requestsInformation  the agent asked the requester for information (the ticket waits for the customer)
     */
    public record ArticleAdded(long ticketId, long articleId, String author, String visibility, String channel,
                               boolean byAgent, boolean requestsInformation, String body) {
    }
}
