package dev.flowdesk.attachment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code flowdesk.attachments.*}: where files are kept and what is accepted.
 *
 * @param store         {@code database} (default: the bytes next to the ticket, in the same backup) or
 *                      {@code filesystem} (larger installations: the bytes in {@link #directory})
 * @param directory     the directory of the filesystem store
 * @param maxFileSize   the largest file accepted
 * @param maxTicketSize all files of one ticket together at most
 * @param allowedTypes  the content types accepted, as sniffed from the bytes (never as the sender declares them)
 * @param pendingHours  how long an upload not yet part of a submission or reply is kept
 */
@ConfigurationProperties("flowdesk.attachments")
public record AttachmentProperties(@DefaultValue("database") String store, Path directory,
                                   @DefaultValue("10MB") DataSize maxFileSize,
                                   @DefaultValue("50MB") DataSize maxTicketSize,
                                   @DefaultValue({"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp",
                                           "image/tiff", "application/pdf", "text/plain", "text/csv",
                                           "message/rfc822", "application/zip",
                                           "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                           "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                           "application/vnd.oasis.opendocument.text",
                                           "application/vnd.oasis.opendocument.spreadsheet",
                                           "application/vnd.oasis.opendocument.presentation",
                                           "application/msword", "application/vnd.ms-excel",
                                           "application/vnd.ms-powerpoint", "application/vnd.ms-outlook"})
                                   List<String> allowedTypes,
                                   @DefaultValue("24") int pendingHours) {

    public AttachmentProperties {
        if (!Set.of("database", "filesystem").contains(store)) {
            throw new IllegalArgumentException("flowdesk.attachments.store must be database or filesystem");
        }
        if ("filesystem".equals(store) && directory == null) {
            throw new IllegalArgumentException("flowdesk.attachments.directory is required for the filesystem store");
        }
    }

    /** Images shown as thumbnails in the conversation (never SVG: it may carry script). */
    public static boolean isImage(String contentType) {
        return Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp").contains(contentType);
    }
}
