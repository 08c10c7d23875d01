package dev.flowdesk.configuration;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;

/** {@code /api/config}: designers move a whole configuration between installations as one archive. */
@RestController
@RequestMapping("/api/config")
class ConfigController {

    private final ConfigExport export;
    private final ConfigImport imports;

    ConfigController(ConfigExport export, ConfigImport imports) {
        this.export = export;
        this.imports = imports;
    }

    @GetMapping("/export")
    ResponseEntity<byte[]> export() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"flowdesk-configuration.zip\"")
                .body(export.export(CurrentUsers.require()));
    }

    /**
     * The archive as multipart field {@code file}. {@code dryRun=true} (the default) only reports; {@code false}
     * applies every entry or none (400 naming each invalid entry).
     */
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ConfigImport.Report importArchive(@RequestParam(name = "file", required = false) MultipartFile file,
                                      @RequestParam(defaultValue = "true") boolean dryRun) throws IOException {
        var user = CurrentUsers.require();
        if (file == null || file.isEmpty()) {
            throw DomainException.invalid("file", "is required: the .zip archive as multipart field 'file'");
        }
        if (file.getSize() > ConfigArchive.MAX_ARCHIVE_BYTES) {
            throw DomainException.invalid("file", "is larger than " + ConfigArchive.MAX_ARCHIVE_BYTES / 1024 / 1024
                    + " MB");
        }
        return imports.importArchive(file.getBytes(), dryRun, user);
    }
}
