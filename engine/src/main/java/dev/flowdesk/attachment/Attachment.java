package dev.flowdesk.attachment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * What Flowdesk knows of one stored file. {@code ticketId} null: an upload not yet part of a submission or reply,
 * visible to its uploader only. {@code internal}: it belongs to an internal note, so requesters never see it.
 */
@Entity
@Table(name = "attachment")
class Attachment {

    @Id
    @Column(length = 32)
    private String id;
    @Column(name = "ticket_id")
    private Long ticketId;
    @Column(name = "article_id")
    private Long articleId;
    @Column(name = "uploaded_by", nullable = false, length = 254)
    private String uploadedBy;
    @Column(nullable = false, length = 255)
    private String name;
    @Column(name = "content_type", nullable = false, length = 127)
    private String contentType;
    @Column(name = "size_bytes", nullable = false)
    private long size;
    @Column(nullable = false, length = 64)
    private String sha256;
    @Column(name = "content_id", length = 254)
    private String contentId;
    @Column(nullable = false)
    private boolean internal;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Attachment() {
    }

    Attachment(String id, Long ticketId, String uploadedBy, String name, String contentType, long size,
               String sha256, String contentId, Instant createdAt) {
        this.id = id;
        this.ticketId = ticketId;
        this.uploadedBy = uploadedBy;
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.contentId = contentId;
        this.createdAt = createdAt;
    }

    void attachTo(long ticket, Long article, boolean internalNote) {
        this.ticketId = ticket;
        this.articleId = article;
        this.internal = internalNote;
    }

    String getId() { return id; }
    Long getTicketId() { return ticketId; }
    Long getArticleId() { return articleId; }

    void moveTo(long ticket) { this.ticketId = ticket; }
    String getUploadedBy() { return uploadedBy; }
    String getName() { return name; }
    String getContentType() { return contentType; }
    long getSize() { return size; }
    String getSha256() { return sha256; }
    String getContentId() { return contentId; }
    boolean isInternal() { return internal; }
    Instant getCreatedAt() { return createdAt; }

    AttachmentView view() {
        return new AttachmentView(id, name, size, contentType);
    }
}
