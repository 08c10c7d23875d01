package dev.flowdesk.conversation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One message of a ticket's conversation: a public reply or an internal note. Never edited. */
@Entity
@Immutable
@Table(name = "article")
class Article {

    enum Visibility { PUBLIC, INTERNAL }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "article_id")
    @SequenceGenerator(name = "article_id", sequenceName = "article_id_seq", allocationSize = 10)
    private Long id;
    @Column(name = "ticket_id", nullable = false)
    private Long ticketId;
    @Column(nullable = false, length = 254)
    private String author;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Visibility visibility;
    @Column(nullable = false, length = 20)
    private String channel;
    @Column(nullable = false, length = 100000)
    private String body;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "from_address", length = 998)
    private String fromAddress;
    @Column(name = "to_addresses", length = 4000)
    private String toAddresses;
    @Column(name = "cc_addresses", length = 4000)
    private String ccAddresses;
    @Column(name = "body_html", length = 200000)
    private String bodyHtml;
    @Column(name = "attachments_json", length = 20000)
    private String attachmentsJson;

    protected Article() {
    }

    Article(Long ticketId, String author, Visibility visibility, String channel, String body, Instant createdAt) {
        this.ticketId = ticketId;
        this.author = author;
        this.visibility = visibility;
        this.channel = channel;
        this.body = body;
        this.createdAt = createdAt;
    }

    /** A reply or note written in Flowdesk, with the metadata of its files (JSON, null without files). */
    Article(Long ticketId, String author, Visibility visibility, String channel, String body, Instant createdAt,
            String attachmentsJson) {
        this(ticketId, author, visibility, channel, body, createdAt);
        this.attachmentsJson = attachmentsJson;
    }

    /** An article that came by mail: who wrote to whom, and the sanitized HTML next to the text. */
    static Article fromMail(Long ticketId, String author, Visibility visibility, String body, Instant createdAt,
                            String from, String to, String cc, String bodyHtml, String attachmentsJson) {
        Article article = new Article(ticketId, author, visibility, "MAIL", body, createdAt);
        article.fromAddress = from;
        article.toAddresses = to;
        article.ccAddresses = cc;
        article.bodyHtml = bodyHtml;
        article.attachmentsJson = attachmentsJson;
        return article;
    }

    Long getId() { return id; }
    Long getTicketId() { return ticketId; }
    String getAuthor() { return author; }
    Visibility getVisibility() { return visibility; }
    String getChannel() { return channel; }
    String getBody() { return body; }
    Instant getCreatedAt() { return createdAt; }
    String getFromAddress() { return fromAddress; }
    String getToAddresses() { return toAddresses; }
    String getCcAddresses() { return ccAddresses; }
    String getBodyHtml() { return bodyHtml; }
    String getAttachmentsJson() { return attachmentsJson; }
}
