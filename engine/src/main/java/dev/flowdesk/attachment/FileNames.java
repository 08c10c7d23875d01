package dev.flowdesk.attachment;

import java.text.Normalizer;

/**
 * Attachment names as senders write them are untrusted: no directories, no control or reserved characters, no
 * leading dots, at most 200 characters (keeping the extension).
 */
public final class FileNames {

    private FileNames() {
    }

    public static String sanitize(String name) {
        if (name == null) {
            return "attachment";
        }
        String clean = Normalizer.normalize(name, Normalizer.Form.NFC);
        clean = clean.substring(Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\')) + 1);
        clean = clean.replaceAll("[\\p{Cntrl}<>:\"|?*\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]", "_")
                .replaceAll("^[.\\s]+", "").strip();
        if (clean.isEmpty()) {
            return "attachment";
        }
        if (clean.length() > 200) {
            int dot = clean.lastIndexOf('.');
            String extension = dot > 0 && clean.length() - dot <= 10 ? clean.substring(dot) : "";
            clean = clean.substring(0, 200 - extension.length()) + extension;
        }
        return clean;
    }
}
