package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.inbound.ParsedMail.AttachmentInfo;
import dev.flowdesk.mail.inbound.ParsedMail.DeliveryReport;
import dev.flowdesk.mail.inbound.ParsedMail.MailAddress;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");
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
        List<MailAddress> from = addresses(rawHeader(message, "From"));
        if (from.isEmpty()) {
            from = addresses(rawHeader(message, "Sender"));
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
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 40) + "\n[... message shortened ...]";
            truncated = true;
        }
        String messageId = firstId(rawHeader(message, "Message-ID"));
        String returnPath = rawHeader(message, "Return-Path");
        return new ParsedMail(messageId, ids(rawHeader(message, "In-Reply-To")),
                ids(rawHeader(message, "References")), from.isEmpty() ? null : from.get(0),
                addresses(rawHeader(message, "To")), addresses(rawHeader(message, "Cc")),
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
        ContentType type = contentType(part);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || fileName != null;
        if (base.startsWith("multipart/")) {
            Multipart multipart = multipart(part);
            if (multipart == null) {
                body.addText(HeaderText.decode(bytes(part), type.getParameter("charset")));
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
            body.report = deliveryStatus(HeaderText.decode(bytes(part), "us-ascii"), body.report);
        } else if ((base.equals("text/plain") || base.equals("text/html")) && !attachment) {
            String content = HeaderText.decode(bytes(part), type.getParameter("charset"));
            if (base.equals("text/html")) {
                body.html.append(content);
            } else {
                body.addText(content);
            }
        } else {
            body.attachments.add(new AttachmentInfo(fileName == null ? defaultName(base, body) : fileName, base,
                    bytes(part).length, contentId(part), Part.INLINE.equalsIgnoreCase(disposition(part))));
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
                String name = fileName(part);
                String base = contentType(part).getBaseType().toLowerCase(Locale.ROOT);
                body.attachments.add(new AttachmentInfo(name == null ? defaultName(base, body) : name, base,
                        bytes(part).length, contentId(part), true));
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
            String base = contentType(part).getBaseType().toLowerCase(Locale.ROOT);
            if (base.equals("message/rfc822") || base.equals("text/rfc822-headers")) {
                MimeMessage original = new MimeMessage(SESSION, new ByteArrayInputStream(bytes(part)));
                originalId = firstId(rawHeader(original, "Message-ID"));
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
        byte[] bytes = bytes(part);
        MimeMessage inner = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        ParsedMail forwarded = parse(inner, depth + 1);
        String subject = forwarded.subject() == null ? "" : forwarded.subject();
        body.addText("---------- Forwarded message ----------\n"
                + "From: " + (forwarded.from() == null ? "" : forwarded.from()) + "\n"
                + "Date: " + (forwarded.header("date") == null ? "" : forwarded.header("date")) + "\n"
                + "Subject: " + subject + "\n\n" + forwarded.text());
        String name = fileName(part);
        body.attachments.add(new AttachmentInfo(name != null ? name
                : FileNames.sanitize(subject.isBlank() ? "forwarded" : subject) + ".eml", "message/rfc822",
                bytes.length, null, false));
        body.attachments.addAll(forwarded.attachments());
        body.truncated |= forwarded.truncated();
    }

    static DeliveryReport deliveryStatus(String text, DeliveryReport earlier) {
        List<DeliveryReport.Recipient> recipients = new ArrayList<>(earlier == null ? List.of() : earlier.recipients());
        // Per-message fields, then one block per recipient, separated by blank lines.
        for (String block : text.replace("\r", "").split("\n\\s*\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            String last = null;
            for (String line : block.split("\n")) {
                if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                    fields.merge(last, " " + line.strip(), String::concat);
                } else if (line.contains(":")) {
                    last = line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT);
                    fields.put(last, line.substring(line.indexOf(':') + 1).strip());
                }
            }
            String recipient = fields.getOrDefault("final-recipient", fields.get("original-recipient"));
            if (recipient != null) {
                String address = recipient.contains(";") ? recipient.substring(recipient.indexOf(';') + 1).strip()
                        : recipient;
                recipients.add(new DeliveryReport.Recipient(address.replaceAll("^<|>$", ""), fields.get("action"),
                        fields.get("status"), fields.get("diagnostic-code")));
            }
        }
        return new DeliveryReport(List.copyOf(recipients), earlier == null ? null : earlier.originalMessageId());
    }

    private static Multipart multipart(Part part) {
        try {
            Object content = part.getContent();
            return content instanceof Multipart m ? m : null;
        } catch (MessagingException | IOException | RuntimeException e) {
            return null; // a broken multipart (no boundary, no parts) is read as text below
        }
    }

    private static ContentType contentType(Part part) {
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

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
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

    private static String contentId(Part part) throws MessagingException {
        String id = part instanceof MimePart mime ? mime.getContentID() : null;
        return id == null ? null : id.strip().replaceAll("^<|>$", "");
    }

    private static String defaultName(String baseType, Body body) {
        String extension = baseType.contains("/") ? baseType.substring(baseType.indexOf('/') + 1) : "bin";
        return FileNames.sanitize("part-" + body.attachments.size() + "." + extension);
    }

    /** The decoded bytes of a part; an unknown transfer encoding gives the raw bytes rather than nothing. */
    private static byte[] bytes(Part part) throws MessagingException, IOException {
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

    static List<MailAddress> addresses(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        String value = HeaderText.eightBit(raw.replaceAll("\\r?\\n(?=[ \\t])", ""));
        List<MailAddress> result = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                add(result, address.getAddress(), address.getPersonal());
            }
        } catch (AddressException e) {
            // Broken lists (unquoted commas or specials in names): take what looks like an address.
            Matcher m = Pattern.compile("[^\\s<>,;\"()]+@[^\\s<>,;\"()]+").matcher(value);
            while (m.find()) {
                add(result, m.group(), null);
            }
        }
        return List.copyOf(result);
    }

    private static void add(List<MailAddress> result, String address, String personal) {
        if (address == null || !address.contains("@") || address.length() > 254
                || address.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return;
        }
        String name = personal == null ? null : HeaderText.header(personal);
        result.add(new MailAddress(address.strip(), name == null || name.isBlank() ? null : name));
    }

    private static String firstId(String raw) {
        List<String> ids = ids(raw);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        String bare = raw == null ? "" : raw.strip();
        return bare.isEmpty() || bare.contains(" ") ? null : bare;
    }

    private static List<String> ids(String raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(raw);
        while (m.find() && ids.size() < 100) {
            ids.add(m.group(1));
        }
        return List.copyOf(ids);
    }

    private static Session lenientSession() {
        Properties properties = new Properties();
        // Headers are read byte by byte (ISO-8859-1) and turned into text by HeaderText, which knows the fallbacks.
        properties.setProperty("mail.mime.allowutf8", "false");
        properties.setProperty("mail.mime.address.strict", "false");
        return Session.getInstance(properties);
    }
}
