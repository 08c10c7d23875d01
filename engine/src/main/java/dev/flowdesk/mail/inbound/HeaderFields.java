package dev.flowdesk.mail.inbound;

import dev.flowdesk.mail.inbound.ParsedMail.DeliveryReport;
import dev.flowdesk.mail.inbound.ParsedMail.MailAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structured header fields of a mail as mail programs really write them: address lists (also broken ones, with
 * unquoted commas or 8-bit names), Message-ID lists (In-Reply-To, References) and the per-recipient fields of a
 * delivery status notification (RFC 3464).
 */
final class HeaderFields {

    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");

    private HeaderFields() {
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

    static void add(List<MailAddress> result, String address, String personal) {
        if (address == null || !address.contains("@") || address.length() > 254
                || address.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return;
        }
        String name = personal == null ? null : HeaderText.header(personal);
        result.add(new MailAddress(address.strip(), name == null || name.isBlank() ? null : name));
    }

    static String firstId(String raw) {
        List<String> ids = ids(raw);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        String bare = raw == null ? "" : raw.strip();
        return bare.isEmpty() || bare.contains(" ") ? null : bare;
    }

    static List<String> ids(String raw) {
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
}
