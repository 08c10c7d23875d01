package dev.flowdesk.configuration;

import dev.flowdesk.error.DomainException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The zip file a configuration travels in: {@code manifest.json} and one file per artefact under {@code bpmn/},
 * {@code forms/}, {@code rules/} and {@code templates/}. Reading is defensive, because an archive comes from another
 * installation and may have been made by hand: the archive, each entry and their sum have size limits counted while
 * inflating (the sizes a zip declares are not trusted, so a zip bomb stops at the limit), entry names are one plain
 * file name in a known folder (no {@code ../}, no absolute paths, no backslashes), and no name appears twice. Each
 * refusal is a 400 that names the entry.
 */
final class ConfigArchive {

    static final String MANIFEST = "manifest.json";
    static final long MAX_ARCHIVE_BYTES = 20L * 1024 * 1024;
    static final int MAX_ENTRY_BYTES = 5 * 1024 * 1024;
    static final long MAX_TOTAL_BYTES = 50L * 1024 * 1024;
    static final int MAX_ENTRIES = 1000;
    private static final Pattern NAME = Pattern.compile(
            "manifest\\.json|(bpmn|forms|rules|templates)/[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ConfigArchive() {
    }

    /** The entries by name, in archive order; 400 naming the entry for anything the rules above refuse. */
    static Map<String, byte[]> read(byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw DomainException.invalid("file", "is required: the .zip archive from GET /api/config/export");
        }
        if (zip.length > MAX_ARCHIVE_BYTES) {
            throw DomainException.invalid("file", "is larger than " + MAX_ARCHIVE_BYTES / 1024 / 1024 + " MB");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        String current = "file";
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                current = entry.getName();
                if (entry.isDirectory() && current.matches("(bpmn|forms|rules|templates)/")) {
                    continue;
                }
                if (!NAME.matcher(current).matches() || current.contains("..")) {
                    throw DomainException.invalid(current, "is not allowed in a configuration archive: only "
                            + "manifest.json and plain file names under bpmn/, forms/, rules/ and templates/");
                }
                if (entries.containsKey(current)) {
                    throw DomainException.invalid(current, "appears twice in the archive");
                }
                if (entries.size() >= MAX_ENTRIES) {
                    throw DomainException.invalid(current, "is one entry too many: at most " + MAX_ENTRIES);
                }
                byte[] content = inflate(in, current, MAX_TOTAL_BYTES - total);
                total += content.length;
                entries.put(current, content);
            }
        } catch (ZipException e) {
            throw DomainException.invalid(current, "is not a readable zip entry: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries.isEmpty()) {
            throw DomainException.invalid("file", "is not a zip archive, or an empty one");
        }
        if (!entries.containsKey(MANIFEST)) {
            throw DomainException.invalid(MANIFEST, "is missing from the archive");
        }
        return entries;
    }

    private static byte[] inflate(ZipInputStream in, String name, long totalLeft) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) > 0) {
            if (out.size() + read > MAX_ENTRY_BYTES) {
                throw DomainException.invalid(name, "inflates to more than " + MAX_ENTRY_BYTES / 1024 / 1024
                        + " MB: refused");
            }
            if (out.size() + read > totalLeft) {
                throw DomainException.invalid(name, "takes the archive past " + MAX_TOTAL_BYTES / 1024 / 1024
                        + " MB inflated: refused");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    static byte[] write(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
