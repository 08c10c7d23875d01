package dev.flowdesk.ticket;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface TicketLinkRepository extends JpaRepository<TicketLink, Long> {

    List<TicketLink> findByFromTicketIdOrToTicketIdOrderByIdAsc(Long fromTicketId, Long toTicketId);

    boolean existsByFromTicketIdAndToTicketIdAndType(Long fromTicketId, Long toTicketId, String type);
}
