package dev.flowdesk.workflow;

import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.error.DomainException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.List;

/** {@code /api/processes}: designers list process definitions, read their BPMN and deploy new versions. */
@RestController
@RequestMapping("/api/processes")
class ProcessController {

    private final ProcessDefinitions definitions;

    private final ProcessProgress progress;
    private final ProcessVersions versions;

    ProcessController(ProcessDefinitions definitions, ProcessProgress progress, ProcessVersions versions) {
        this.definitions = definitions;
        this.progress = progress;
        this.versions = versions;
    }

    /** Every version of a model with who deployed it, when and the designer's comment (designers). */
    @GetMapping("/{key}/versions")
    List<dev.flowdesk.diff.VersionEntry> versions(@PathVariable String key) {
        return versions.versions(key, CurrentUsers.require());
    }

    /** Two versions of a model: the XML line diff and the added, removed and changed elements by id. */
    @GetMapping("/{key}/diff")
    dev.flowdesk.diff.Comparison diff(@PathVariable String key, @RequestParam int from, @RequestParam int to) {
        return versions.compare(key, from, to, CurrentUsers.require());
    }

    @GetMapping
    List<ProcessDefinitions.ProcessView> list() {
        return definitions.list(CurrentUsers.require());
    }

    /**
     * The BPMN XML, whatever the client accepts (the modeler's API client asks for JSON by default). Designers and
     * agents read every model; a requester reads the model of a ticket they may see, named by {@code ?ticket=}, for
     * its progress diagram.
     */
    @GetMapping("/{id}/xml")
    ResponseEntity<String> xml(@PathVariable String id, @RequestParam(name = "ticket", required = false) Long ticket) {
        var user = CurrentUsers.require();
        String xml = progress.mayReadModel(id, ticket, user) ? definitions.readXml(id) : definitions.xml(id, user);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
    }

    /**
     * Deploys a BPMN file (multipart field {@code file}, optional field {@code comment}) after the linter passes; 400
     * names element ids otherwise.
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ProcessDefinitions.Deployed> deploy(@RequestParam(value = "file", required = false) MultipartFile file,
                                                       @RequestParam(value = "comment", required = false) String comment)
            throws IOException {
        if (file == null) {
            throw DomainException.invalid("file", "is required: send the BPMN as multipart field 'file'");
        }
        return ResponseEntity.status(201).body(definitions.deploy(file.getOriginalFilename(), file.getBytes(),
                comment, CurrentUsers.require()));
    }
}
