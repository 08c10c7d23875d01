package dev.flowdesk.attachment;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The content type of a file as its bytes say (Tika's magic numbers), refined by the file name only where the name
 * names a more specific type of what the bytes are (a .docx is a ZIP; a .png that holds HTML stays HTML). What a
 * sender declares is never used.
 */
final class ContentSniffer {

    private static final MimeTypes TYPES = MimeTypes.getDefaultMimeTypes();

    private ContentSniffer() {
    }

    static String sniff(byte[] content, String fileName) {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try {
            MediaType type = TYPES.detect(new ByteArrayInputStream(content), metadata);
            return type.getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
