package dev.flowdesk.mail.inbound;

import dev.flowdesk.text.HtmlSanitizer;
import dev.flowdesk.attachment.FileNames;
import dev.flowdesk.mail.inbound.ParsedMail.AttachmentInfo;
import dev.flowdesk.mail.inbound.ParsedMail.DeliveryReport;
import dev.flowdesk.mail.inbound.ParsedMail.MailAddress;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Parses a raw RFC 5322 message as it comes from the mailbox: multipart/alternative (the richest text and HTML
 * versions), mixed, related (inline parts by Content-ID), attached message/rfc822 (its text is quoted as a forwarded
 * message), multipart/report with a delivery status (RFC 3464), RFC 2047/2231 encoded words and file names, lying
 * and unknown charsets, 8-bit headers. HTML is sanitized with an allow-list; the text body is always there (taken from
 * the HTML when the mail has no text part). Limits on nesting depth and part count keep a hostile message from
 * exhausting the poller. Needs no Spring.
 */
final class MimeParser {

    static final int MAX_DEPTH = 20;
    static final int MAX_PARTS = 500;
    static final int MAX_TEXT = 100_000;
    /**
     * Attachments listed per mail: the article keeps their metadata in {@code attachments_json varchar(20000)}, and
     * 50 entries of the longest name (200) and a bounded content type stay below that. The rest is counted in the
     * text, not dropped silently (a mail of 5,000 parts was quarantined for a too long column before).
     */
    static final int MAX_ATTACHMENTS = 50;
    private static final Session SESSION = lenientSession();

    private MimeParser() {
    }

    /** Thrown when a message cannot be read as mail at all (no headers, no sender). */
    static final class MalformedMailException extends Exception {
        MalformedMailException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static ParsedMail parse(byte[] raw) throws MalformedMailException {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            return parse(message, 0);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new MalformedMailException("unreadable message: " + e.getMessage(), e);
        }
    }

    private static ParsedMail parse(MimeMessage message, int depth) throws MessagingException, IOException,
            MalformedMailException {
        Map<String, List<String>> headers = headers(message);
        List<MailAddress> from = HeaderFields.addresses(rawHeader(message, "From"));
        if (from.isEmpty()) {
            from = HeaderFields.addresses(rawHeader(message, "Sender"));
        }
        if (depth == 0 && from.isEmpty()) {
            throw new MalformedMailException("no sender address (From)", null);
        }
        Body body = new Body();
        walk(message, depth, body);
        String html = body.html.isEmpty() ? null : HtmlSanitizer.sanitize(body.html.toString());
        String text = body.text.toString().strip();
        if (text.isEmpty() && html != null) {
            text = HtmlSanitizer.toText(html);
        }
        boolean truncated = body.truncated;
        if (depth == 0 && body.attachments.size() > MAX_ATTACHMENTS) {
            int more = body.attachments.size() - MAX_ATTACHMENTS;
            body.attachments.subList(MAX_ATTACHMENTS, body.attachments.size()).clear();
            text = text + (text.isEmpty() ? "" : "\n\n") + "[... " + more + " more attachments not listed ...]";
            truncated = true;
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 40) + "\n[... message shortened ...]";
            truncated = true;
        }
        String messageId = HeaderFields.firstId(rawHeader(message, "Message-ID"));
        String returnPath = rawHeader(message, "Return-Path");
        return new ParsedMail(messageId, HeaderFields.ids(rawHeader(message, "In-Reply-To")),
                HeaderFields.ids(rawHeader(message, "References")), from.isEmpty() ? null : from.get(0),
                HeaderFields.addresses(rawHeader(message, "To")), HeaderFields.addresses(rawHeader(message, "Cc")),
                returnPath == null ? null : returnPath.strip().replaceAll("^<\\s*|\\s*>$", ""),
                HeaderText.header(rawHeader(message, "Subject")), text, html, List.copyOf(body.attachments), headers,
                body.report, truncated);
    }

    private static final class Body {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final List<AttachmentInfo> attachments = new ArrayList<>();
        DeliveryReport report;
        int parts;
        boolean truncated;

        void addText(String content) {
            String more = content.replace("\r\n", "\n").replace('\r', '\n');
            if (!more.isBlank()) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(more.strip());
            }
        }
    }

    private static void walk(Part part, int depth, Body body) throws MessagingException, IOException,
            MalformedMailException {
        if (depth > MAX_DEPTH || ++body.parts > MAX_PARTS) {
            body.truncated = true;
            return;
        }
        ContentType type = MimeParts.contentType(part);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        String fileName = MimeParts.fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(MimeParts.disposition(part)) || fileName != null;
        if (base.startsWith("multipart/")) {
            Multipart multipart = MimeParts.multipart(part);
            if (multipart == null) {
                body.addText(HeaderText.decode(MimeParts.bytes(part), type.getParameter("charset")));
                return;
            }
            switch (base) {
                case "multipart/alternative" -> alternative(multipart, depth, body);
                case "multipart/related" -> related(multipart, depth, body);
                case "multipart/report" -> report(multipart, depth, body);
                default -> {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i), depth + 1, body);
                    }
                }
            }
        } else if (base.equals("message/rfc822")) {
            forwarded(part, depth, body);
        } else if (base.equals("message/delivery-status")) {
            body.report = HeaderFields.deliveryStatus(HeaderText.decode(MimeParts.bytes(part), "us-ascii"), body.report);
        } else if ((base.equals("text/plain") || base.equals("text/html")) && !attachment) {
            String content = HeaderText.decode(MimeParts.bytes(part), type.getParameter("charset"));
            if (base.equals("text/html")) {
                body.html.append(content);
            } else if ("flowed".equalsIgnoreCase(type.getParameter("format"))) {
                body.addText(FlowedText.unflow(content, "yes".equalsIgnoreCase(type.getParameter("delsp"))));
            } else {
                body.addText(content);
            }
        } else {
            body.attachments.add(new AttachmentInfo(fileName == null ? defaultName(base, body) : fileName, base,
                    MimeParts.contentId(part), Part.INLINE.equalsIgnoreCase(MimeParts.disposition(part)),
                    MimeParts.bytes(part)));
        }
    }

    /** RFC 2046 §5.1.4: the parts are in increasing order of preference; take the last text and the last HTML. */
    private static void alternative(Multipart multipart, int depth, Body body) throws MessagingException, IOException,
            MalformedMailException {
        Body text = null;
        Body html = null;
        for (int i = 0; i < multipart.getCount(); i++) {
            Body candidate = new Body();
            candidate.parts = body.parts;
            walk(multipart.getBodyPart(i), depth + 1, candidate);
            body.parts = candidate.parts;
            body.truncated |= candidate.truncated;
            if (!candidate.text.isEmpty()) {
                text = candidate;
            }
            if (!candidate.html.isEmpty()) {
                html = candidate;
            }
        }
        if (text != null) {
            body.addText(text.text.toString());
        }
        if (html != null) {
            body.html.append(html.html);
            body.attachments.addAll(html.attachments);
        } else if (text != null) {
            body.attachments.addAll(text.attachments);
        }
    }

    /** RFC 2387: the first part is the root; the others are what it refers to by Content-ID (inline images). */
    private static void related(Multipart multipart, int depth, Body body) throws MessagingException, IOException,
            MalformedMailException {
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            if (i == 0) {
                walk(part, depth + 1, body);
            } else if (++body.parts <= MAX_PARTS) {
                String name = MimeParts.fileName(part);
                String base = MimeParts.contentType(part).getBaseType().toLowerCase(Locale.ROOT);
                body.attachments.add(new AttachmentInfo(name == null ? defaultName(base, body) : name, base,
                        MimeParts.contentId(part), true, MimeParts.bytes(part)));
            } else {
                body.truncated = true;
            }
        }
    }

    /** RFC 6522: a human-readable part, a machine-readable status, and (often) the original message. */
    private static void report(Multipart multipart, int depth, Body body) throws MessagingException, IOException,
            MalformedMailException {
        String originalId = null;
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            String base = MimeParts.contentType(part).getBaseType().toLowerCase(Locale.ROOT);
            if (base.equals("message/rfc822") || base.equals("text/rfc822-headers")) {
                MimeMessage original = new MimeMessage(SESSION, new ByteArrayInputStream(MimeParts.bytes(part)));
                originalId = HeaderFields.firstId(rawHeader(original, "Message-ID"));
            } else {
                walk(part, depth + 1, body);
            }
        }
        if (body.report == null) {
            body.report = new DeliveryReport(List.of(), originalId);
        } else {
            body.report = new DeliveryReport(body.report.recipients(), originalId);
        }
    }

    private static void forwarded(Part part, int depth, Body body) throws MessagingException, IOException,
            MalformedMailException {
        byte[] bytes = MimeParts.bytes(part);
        MimeMessage inner = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        ParsedMail forwarded = parse(inner, depth + 1);
        String subject = forwarded.subject() == null ? "" : forwarded.subject();
        body.addText("---------- Forwarded message ----------\n"
                + "From: " + (forwarded.from() == null ? "" : forwarded.from()) + "\n"
                + "Date: " + (forwarded.header("date") == null ? "" : forwarded.header("date")) + "\n"
                + "Subject: " + subject + "\n\n" + forwarded.text());
        String name = MimeParts.fileName(part);
        body.attachments.add(new AttachmentInfo(name != null ? name
                : FileNames.sanitize(subject.isBlank() ? "forwarded" : subject) + ".eml", "message/rfc822",
                null, false, bytes));
        body.attachments.addAll(forwarded.attachments());
        body.truncated |= forwarded.truncated();
    }

    private static String defaultName(String baseType, Body body) {
        String extension = baseType.contains("/") ? baseType.substring(baseType.indexOf('/') + 1) : "bin";
        return FileNames.sanitize("part-" + body.attachments.size() + "." + extension);
    }

    private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Enumeration<Header> all = message.getAllHeaders();
        while (all.hasMoreElements()) {
            Header header = all.nextElement();
            headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(HeaderText.header(header.getValue()));
        }
        return headers;
    }

    private static String rawHeader(MimeMessage message, String name) throws MessagingException {
        return message.getHeader(name, ",");
    }

    private static Session lenientSession() {
        Properties properties = new Properties();
        // Headers are read byte by byte (ISO-8859-1) and turned into text by HeaderText, which knows the fallbacks.
        properties.setProperty("mail.mime.allowutf8", "false");
        properties.setProperty("mail.mime.address.strict", "false");
        return Session.getInstance(properties);
    }
}
