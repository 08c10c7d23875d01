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

    /** How a sender got a row: it was waiting, or an earlier sender's claim ran out (that one may have sent it). */
    enum Claim { NONE, PENDING, EXPIRED }

    /**
     * Claims a due row for one sender: atomic conditional updates, so that of two nodes (or two runs) only one gets
     * the row; the other sees 0 rows changed. Which of the two conditions matched tells a first attempt from a row
     * whose earlier sender stopped mid-send.
     */
    default Claim claim(long id, Instant now, Instant until) {
        if (claimPending(id, now, until, PENDING, SENDING) == 1) {
            return Claim.PENDING;
        }
        return claimExpired(id, now, until, SENDING) == 1 ? Claim.EXPIRED : Claim.NONE;
    }

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update OutboxMail o set o.status = :sending, o.claimedUntil = :until, o.version = o.version + 1
            where o.id = :id and o.status = :pending and o.nextAttemptAt <= :now""")
    int claimPending(@Param("id") long id, @Param("now") Instant now, @Param("until") Instant until,
                     @Param("pending") OutboxMail.Status pending, @Param("sending") OutboxMail.Status sending);

    @Modifying(clearAutomatically = true, flushAutomatically = true)
    @Query("""
            update OutboxMail o set o.claimedUntil = :until, o.version = o.version + 1
            where o.id = :id and o.status = :sending and o.claimedUntil < :now""")
    int claimExpired(@Param("id") long id, @Param("now") Instant now, @Param("until") Instant until,
                     @Param("sending") OutboxMail.Status sending);

    List<OutboxMail> findByTicketIdOrderById(Long ticketId);

    boolean existsByMessageIdInAndTemplate(java.util.Collection<String> messageIds, String template);
}
