package dev.flowdesk.mail.outbound;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;

interface OutboxRepository extends JpaRepository<OutboxMail, Long> {

    OutboxMail.Status PENDING = OutboxMail.Status.PENDING;
    OutboxMail.Status SENDING = OutboxMail.Status.SENDING;

    /** Rows due now: pending and due, or claimed by a node whose claim ran out (it died while sending). */
    @Query("""
            select o.id from OutboxMail o
            where (o.status = :pending and o.nextAttemptAt <= :now) or (o.status = :sending and o.claimedUntil < :now)
            order by o.id""")
    List<Long> findDue(@Param("now") Instant now, @Param("pending") OutboxMail.Status pending,
                       @Param("sending") OutboxMail.Status sending, Pageable page);

    default List<Long> findDue(Instant now, Pageable page) {
        return findDue(now, PENDING, SENDING, page);
    }

    /**
     * Claims a due row for one sender: an atomic conditional update, so that of two nodes (or two runs) only one
     * gets the row; the other sees 0 rows changed.
     */
    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update OutboxMail o set o.status = :sending, o.claimedUntil = :until, o.version = o.version + 1
            where o.id = :id
              and ((o.status = :pending and o.nextAttemptAt <= :now) or (o.status = :sending and o.claimedUntil < :now))""")
    int claim(@Param("id") long id, @Param("now") Instant now, @Param("until") Instant until,
              @Param("pending") OutboxMail.Status pending, @Param("sending") OutboxMail.Status sending);

    default int claim(long id, Instant now, Instant until) {
        return claim(id, now, until, PENDING, SENDING);
    }

    @Query("select count(o) from OutboxMail o where lower(o.recipient) = lower(:recipient) and o.automatic = true"
            + " and o.createdAt > :since")
    long countAutomaticSince(@Param("recipient") String recipient, @Param("since") Instant since);

    List<OutboxMail> findByTicketIdOrderById(Long ticketId);

    boolean existsByMessageIdInAndTemplate(java.util.Collection<String> messageIds, String template);
}
