package dev.flowdesk.attachment;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

interface AttachmentRepository extends JpaRepository<Attachment, String> {

    List<Attachment> findByTicketIdOrderByCreatedAtAscIdAsc(long ticketId);

    @Query("select coalesce(sum(a.size), 0) from Attachment a where a.ticketId = ?1")
    long totalSizeOfTicket(long ticketId);

    @Query("select coalesce(sum(a.size), 0) from Attachment a where a.ticketId is null and a.uploadedBy = ?1")
    long pendingSizeOf(String uploadedBy);

    @Query("select a from Attachment a where a.ticketId is null and a.createdAt < ?1")
    List<Attachment> findPendingBefore(Instant cutoff);

    java.util.List<Attachment> findByArticleId(Long articleId);

    @Query("select a from Attachment a where lower(a.uploadedBy) in ?1")
    List<Attachment> findUploadedByLowerCaseIn(java.util.Collection<String> uploaders);
}
