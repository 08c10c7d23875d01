package dev.flowdesk.mail.inbound;

import dev.flowdesk.attachment.FileNames;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reading one MIME part the way real mail needs it: every accessor tolerates what mail programs get wrong (missing
 * or broken Content-Type, multiparts without a boundary, unknown transfer encodings) and answers something usable
 * instead of failing the whole message.
 */
final class MimeParts {

    private MimeParts() {
    }

    static Multipart multipart(Part part) {
        try {
            Object content = part.getContent();
            return content instanceof Multipart m ? m : null;
        } catch (MessagingException | IOException | RuntimeException e) {
            return null; // a broken multipart (no boundary, no parts) is read as text below
        }
    }

    static ContentType contentType(Part part) {
        try {
            String[] values = part.getHeader("Content-Type");
            if (values == null || values.length == 0) {
                return new ContentType("text", "plain", null);
            }
            return new ContentType(values[0]);
        } catch (MessagingException e) {
            try {
                String value = part.getHeader("Content-Type")[0];
                String base = value.split(";", 2)[0].strip();
                return base.contains("/") ? new ContentType(base) : new ContentType("text", "plain", null);
            } catch (MessagingException | RuntimeException again) {
                return new ContentType("application", "octet-stream", null);
            }
        }
    }

    static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    static String fileName(Part part) {
        try {
            String name = part.getFileName(); // RFC 2231 parameters are decoded by Jakarta Mail
            if (name == null) {
                name = contentType(part).getParameter("name");
            }
            return name == null || name.isBlank() ? null : FileNames.sanitize(HeaderText.header(name));
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    static String contentId(Part part) throws MessagingException {
        String id = part instanceof MimePart mime ? mime.getContentID() : null;
        return id == null ? null : id.strip().replaceAll("^<|>$", "");
    }

    /** The decoded bytes of a part; an unknown transfer encoding gives the raw bytes rather than nothing. */
    static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException | MessagingException | RuntimeException e) {
            if (part instanceof jakarta.mail.internet.MimeBodyPart bodyPart) {
                try (InputStream raw = bodyPart.getRawInputStream()) {
                    return raw.readAllBytes();
                }
            }
            if (part instanceof MimeMessage message) {
                try (InputStream raw = message.getRawInputStream()) {
                    return raw.readAllBytes();
                }
            }
            throw e;
        }
    }
}
