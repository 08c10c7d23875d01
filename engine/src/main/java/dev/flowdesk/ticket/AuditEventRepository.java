package dev.flowdesk.ticket;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {

    List<AuditEvent> findByTicketIdOrderByAtAscIdAsc(Long ticketId);

    long countByTicketId(Long ticketId);

    java.util.Optional<AuditEvent> findFirstByTicketIdAndTypeOrderByIdAsc(Long ticketId, String type);
}
