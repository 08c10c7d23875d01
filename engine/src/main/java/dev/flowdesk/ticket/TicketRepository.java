package dev.flowdesk.ticket;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface TicketRepository extends JpaRepository<Ticket, Long>, JpaSpecificationExecutor<Ticket> {

    @Query(value = "select nextval('ticket_number_seq')", nativeQuery = true)
    long nextNumber();

    java.util.List<Ticket> findByParentIdOrderByIdAsc(Long parentId);
}
