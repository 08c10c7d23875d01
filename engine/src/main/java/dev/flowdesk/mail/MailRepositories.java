package dev.flowdesk.mail;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

interface MailThreadRepository extends JpaRepository<MailThread, Long> {
    Optional<MailThread> findByTicketNumber(String ticketNumber);
}

interface MailWatcherRepository extends JpaRepository<MailWatcher, MailWatcher.Key> {
    List<MailWatcher> findByTicketIdOrderByAddress(Long ticketId);
}

interface MailMessageRepository extends JpaRepository<MailMessage, String> {
    List<MailMessage> findByMessageKeyInAndTicketIdNotNull(List<String> keys);

    List<MailMessage> findByTicketIdOrderByCreatedAtAsc(Long ticketId);
}

interface MailBounceRepository extends JpaRepository<MailBounce, String> {
}
