package dev.flowdesk.mail.inbound;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A received mail after MIME parsing: decoded headers, one text body (always), the sanitized HTML body (when the
 * mail had one), attachment metadata, and the delivery report of a bounce.
 *
 * @param messageId  the Message-ID without angle brackets, or null when the mail has none
 * @param returnPath the Return-Path as received; the empty string for the null sender {@code <>}; null if absent
 * @param headers    every header by lower-case name, decoded, in order of appearance
 */
record ParsedMail(String messageId, List<String> inReplyTo, List<String> references, MailAddress from,
                  List<MailAddress> to, List<MailAddress> cc, String returnPath, String subject, String text,
                  String html, List<AttachmentInfo> attachments, Map<String, List<String>> headers,
                  DeliveryReport report, boolean truncated) {

    /** An address and its display name (null when none was given). */
    record MailAddress(String address, String name) {
        String normalized() {
            return address.toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return name == null || name.isBlank() ? address : name + " <" + address + ">";
        }
    }

    /**
     * An attachment as the mail carries it: the sanitized name, the type the sender declared (the store sniffs its
     * own), the Content-ID an HTML body refers to, and the decoded bytes.
     */
    record AttachmentInfo(String name, String contentType, String contentId, boolean inline, byte[] content) {

        AttachmentInfo {
            if (contentType != null && contentType.length() > 100) {
                contentType = "application/octet-stream"; // no real type is that long; it only bloats the listing
            }
        }

        long size() {
            return content == null ? 0 : content.length;
        }
    }

    /** A delivery status notification (RFC 3464): the recipients it reports on, and the mail that bounced. */
    record DeliveryReport(List<Recipient> recipients, String originalMessageId) {
        record Recipient(String address, String action, String status, String diagnostic) {
            boolean failed() {
                return "failed".equalsIgnoreCase(action) || (status != null && status.startsWith("5"));
            }
        }
    }

    /** The first value of a header (decoded), or null. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    boolean hasHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** In-Reply-To first, then References newest first: the order in which to look for the ticket. */
    List<String> threadIds() {
        List<String> ids = new java.util.ArrayList<>(inReplyTo);
        List<String> refs = new java.util.ArrayList<>(references);
        java.util.Collections.reverse(refs);
        refs.stream().filter(r -> !ids.contains(r)).forEach(ids::add);
        return ids;
    }
}
