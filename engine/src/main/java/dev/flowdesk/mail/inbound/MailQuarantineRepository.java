package dev.flowdesk.mail.inbound;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

interface MailQuarantineRepository extends JpaRepository<MailQuarantine, Long> {
    Optional<MailQuarantine> findByMessageKey(String messageKey);

    boolean existsByMessageKey(String messageKey);
}
