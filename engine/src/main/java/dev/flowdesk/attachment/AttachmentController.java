package dev.flowdesk.attachment;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /api/attachments}: uploads (multipart, field {@code file}, as Form.io's "url" storage sends them) and
 * downloads. Downloads are always {@code attachment} with {@code nosniff} and a sandboxing CSP, so a stored file never
 * runs as a page of Flowdesk.
 */
@RestController
class AttachmentController {

    private final Attachments attachments;

    AttachmentController(Attachments attachments) {
        this.attachments = attachments;
    }

    /** An upload for a form or reply still being written. The answer's {@code url} is absolute (Form.io keeps it). */
    @PostMapping(path = "/api/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Uploaded> upload(@RequestParam(name = "file", required = false) MultipartFile file) {
        AttachmentView view = attachments.upload(name(file), bytes(file), CurrentUsers.orNull());
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath().path(view.url()).build().toUri();
        return ResponseEntity.created(location).body(new Uploaded(view.id(), view.name(), view.size(),
                view.contentType(), location.toString()));
    }

    /** What an upload answers: the attachment, with an absolute {@code url}. */
    record Uploaded(String id, String name, long size, String contentType, String url) {
    }

    @PostMapping(path = "/api/tickets/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AttachmentView> uploadToTicket(@PathVariable long id,
                                                  @RequestParam(name = "file", required = false) MultipartFile file) {
        AttachmentView view = attachments.uploadToTicket(id, name(file), bytes(file), CurrentUsers.require());
        return ResponseEntity.created(URI.create(view.url())).body(view);
    }

    @GetMapping("/api/tickets/{id}/attachments")
    List<AttachmentView> list(@PathVariable long id) {
        return attachments.list(id, CurrentUsers.require());
    }

    @GetMapping("/api/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable String attachmentId) {
        Attachments.Download file = attachments.open(attachmentId, CurrentUsers.require());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(file.contentType()));
        headers.set(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(file.name()));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
        headers.setCacheControl("private, max-age=300");
        return ResponseEntity.ok().headers(headers).body(file.content());
    }

    /**
     * RFC 6266: {@code attachment}, an ASCII {@code filename} for old clients (other characters as {@code _}) and
     * the exact name as {@code filename*} (RFC 8187).
     */
    static String contentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    static String name(MultipartFile file) {
        return file == null ? null : file.getOriginalFilename();
    }

    static byte[] bytes(MultipartFile file) {
        if (file == null) {
            throw DomainException.invalid("file", "is required (multipart/form-data, field \"file\")");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
