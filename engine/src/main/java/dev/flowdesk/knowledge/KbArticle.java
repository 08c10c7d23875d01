package dev.flowdesk.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A knowledge base article: the current version; earlier ones are rows of {@code kb_article_version}. */
@Entity
@Table(name = "kb_article")
class KbArticle {

    enum Status { DRAFT, REVIEW, PUBLISHED, ARCHIVED }

    enum Visibility { PUBLIC, INTERNAL }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "kb_article_id")
    @SequenceGenerator(name = "kb_article_id", sequenceName = "kb_article_id_seq", allocationSize = 10)
    private Long id;
    @Column(nullable = false)
    private int version;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Visibility visibility;
    @Column(nullable = false, length = 8)
    private String language;
    @Column(length = 100)
    private String category;
    @Column(length = 1000)
    private String tags;
    @Column(nullable = false, length = 300)
    private String title;
    @Column(name = "body_html", nullable = false, length = 200000)
    private String bodyHtml;
    @Column(name = "body_text", nullable = false, length = 200000)
    private String bodyText;
    @Column(name = "source_ticket_id")
    private Long sourceTicketId;
    @Column(name = "created_by", nullable = false, length = 254)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_by", nullable = false, length = 254)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "published_at")
    private Instant publishedAt;
    /** The tenant the article is written for (null: shared by all tenants); set once, when it is created. */
    @Column(updatable = false, length = 64)
    private String tenant;

    protected KbArticle() {
    }

    String getTenant() {
        return tenant;
    }

    KbArticle(Content content, Long sourceTicketId, String tenant, String author, Instant now) {
        this.version = 1;
        this.tenant = tenant;
        this.status = Status.DRAFT;
        this.sourceTicketId = sourceTicketId;
        this.createdBy = author;
        this.createdAt = now;
        apply(content, author, now);
    }

    /** What an editor sets: everything but status, version and authorship. */
    record Content(String title, String bodyHtml, String bodyText, String language, Visibility visibility,
                   String category, String tags) {
    }

    void apply(Content content, String editor, Instant now) {
        this.title = content.title();
        this.bodyHtml = content.bodyHtml();
        this.bodyText = content.bodyText();
        this.language = content.language();
        this.visibility = content.visibility();
        this.category = content.category();
        this.tags = content.tags();
        this.updatedBy = editor;
        this.updatedAt = now;
    }

    void nextVersion() {
        version++;
    }

    void changeStatus(Status next, String editor, Instant now) {
        this.status = next;
        this.updatedBy = editor;
        this.updatedAt = now;
        if (next == Status.PUBLISHED) {
            this.publishedAt = now;
        }
    }

    Long getId() { return id; }
    int getVersion() { return version; }
    Status getStatus() { return status; }
    Visibility getVisibility() { return visibility; }
    String getLanguage() { return language; }
    String getCategory() { return category; }
    String getTags() { return tags; }
    String getTitle() { return title; }
    String getBodyHtml() { return bodyHtml; }
    String getBodyText() { return bodyText; }
    Long getSourceTicketId() { return sourceTicketId; }
    String getCreatedBy() { return createdBy; }
    Instant getCreatedAt() { return createdAt; }
    String getUpdatedBy() { return updatedBy; }
    Instant getUpdatedAt() { return updatedAt; }
    Instant getPublishedAt() { return publishedAt; }
}
