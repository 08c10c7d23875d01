package dev.flowdesk.attachment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Chooses the one {@link AttachmentStore} by {@code flowdesk.attachments.store}. */
@Configuration
class AttachmentStoreConfig {

    @Bean
    AttachmentStore attachmentStore(AttachmentProperties properties, JdbcTemplate jdbc) {
        return "filesystem".equals(properties.store())
                ? new FileSystemAttachmentStore(properties.directory())
                : new DatabaseAttachmentStore(jdbc);
    }
}
