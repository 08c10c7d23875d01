package dev.flowdesk.classification;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.table.RuleTable;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/rulesets}: designers list, upload (DRL text, or a decision table as JSON, CSV or XLSX), export tables,
 * test, replay, activate and roll back rule sets.
 */
@RestController
@RequestMapping("/api/rulesets")
class RuleSetController {

    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final RuleSets ruleSets;
    private final RuleSetTables tables;
    private final RuleSetReplay replay;
    private final java.time.Clock clock;
    private final RuleSetVersions versions;

    RuleSetController(RuleSets ruleSets, RuleSetTables tables, RuleSetReplay replay, java.time.Clock clock,
                      RuleSetVersions versions) {
        this.versions = versions;
        this.ruleSets = ruleSets;
        this.tables = tables;
        this.replay = replay;
        this.clock = clock;
    }

    /**
     * JSON form of an upload: {@code {"format":"table","table":{...}}} for a decision table, {@code {"drl":".."}}
     * (format "drl" or none) for DRL text; plain DRL text ({@code text/plain}) is accepted as well.
     */
    record Upload(String format, String drl, RuleTable table, String comment) {
    }

    @GetMapping
    List<RuleSets.RuleSetSummary> list() {
        return ruleSets.list(CurrentUsers.require());
    }

    @GetMapping("/{name}/versions/{version}")
    RuleSets.VersionDetail get(@PathVariable String name, @PathVariable int version) {
        return ruleSets.get(name, version, CurrentUsers.require());
    }

    /** Every version with who, when and comment; the active one is {@code current}. */
    @GetMapping("/{name}/versions")
    List<dev.flowdesk.diff.VersionEntry> versions(@PathVariable String name) {
        return versions.versions(name, CurrentUsers.require());
    }

    /** The DRL of two versions side by side with the line diff, and the row diff when both are tables. */
    @GetMapping("/{name}/diff")
    dev.flowdesk.diff.Comparison diff(@PathVariable String name, @RequestParam int from, @RequestParam int to) {
        return versions.compare(name, from, to, CurrentUsers.require());
    }

    @GetMapping("/{name}/events")
    List<RuleSets.EventView> events(@PathVariable String name) {
        return ruleSets.events(name, CurrentUsers.require());
    }

    @PostMapping(path = "/{name}/versions", consumes = {MediaType.TEXT_PLAIN_VALUE, "text/x-drl", "application/octet-stream"})
    ResponseEntity<RuleSets.VersionDetail> uploadText(@PathVariable String name, @RequestBody String drl,
                                                      @RequestParam(required = false) String comment) {
        return created(ruleSets.upload(name, drl, comment, CurrentUsers.require()));
    }

    @PostMapping(path = "/{name}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleSets.VersionDetail> uploadJson(@PathVariable String name, @RequestBody Upload upload) {
        String format = upload.format() == null ? "drl" : upload.format();
        return switch (format) {
            case "table" -> created(tables.upload(name, upload.table(), upload.comment(), CurrentUsers.require()));
            case "drl" -> created(ruleSets.upload(name, upload.drl(), upload.comment(), CurrentUsers.require()));
            default -> throw DomainException.invalid("format", "is \"table\" or \"drl\"");
        };
    }

    /** A table exported before (CSV or XLSX, by the file name's extension) comes back as a new draft version. */
    @PostMapping(path = "/{name}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<RuleSets.VersionDetail> uploadFile(@PathVariable String name,
                                                      @RequestParam(name = "file", required = false) MultipartFile file,
                                                      @RequestParam(required = false) String comment) throws IOException {
        if (file == null || file.isEmpty()) {
            throw DomainException.invalid("file", "is required (multipart/form-data, field \"file\", .csv or .xlsx)");
        }
        return created(tables.importFile(name, file.getOriginalFilename(), file.getBytes(), comment,
                CurrentUsers.require()));
    }

    @GetMapping("/{name}/versions/{version}/table.csv")
    ResponseEntity<String> exportCsv(@PathVariable String name, @PathVariable int version) {
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "-v" + version + ".csv\"")
                .body(tables.exportCsv(name, version, CurrentUsers.require()));
    }

    @GetMapping("/{name}/versions/{version}/table.xlsx")
    ResponseEntity<byte[]> exportXlsx(@PathVariable String name, @PathVariable int version) {
        return ResponseEntity.ok().contentType(XLSX).header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "-v" + version + ".xlsx\"")
                .body(tables.exportXlsx(name, version, CurrentUsers.require()));
    }

    /** The table shipped for this rule set: where the table editor starts when the live version is DRL. */
    @GetMapping("/{name}/shipped-table")
    RuleTable shippedTable(@PathVariable String name) {
        return tables.shipped(name, CurrentUsers.require());
    }

    /** Decides the given facts (a {@link TicketFacts} JSON object) with this version; {@code now} defaults to now. */
    @PostMapping("/{name}/versions/{version}/test")
    Decision test(@PathVariable String name, @PathVariable int version, @RequestBody TicketFacts facts) {
        TicketFacts withNow = facts.now().equals(Instant.EPOCH) ? new TicketFacts(facts.type(), facts.subject(),
                facts.description(), facts.channel(), facts.formFields(), facts.requester(), facts.configurationItem(),
                facts.impact(), facts.urgency(), facts.categoryHint(), facts.priorityFloor(), clock.instant()) : facts;
        return ruleSets.test(name, version, withNow, CurrentUsers.require());
    }

    @PostMapping("/{name}/versions/{version}/replay")
    RuleSetReplay.ReplayReport replay(@PathVariable String name, @PathVariable int version,
                                 @RequestParam(defaultValue = "100") int last,
                                 @RequestParam(required = false) List<Long> tickets) {
        return replay.replay(name, version, last, tickets, CurrentUsers.require());
    }

    @PostMapping("/{name}/versions/{version}/activate")
    RuleSets.Activation activate(@PathVariable String name, @PathVariable int version) {
        return ruleSets.activate(name, version, CurrentUsers.require());
    }

    private static ResponseEntity<RuleSets.VersionDetail> created(RuleSets.VersionDetail detail) {
        return ResponseEntity.created(URI.create("/api/rulesets/" + detail.name() + "/versions/"
                + detail.version().version())).body(detail);
    }
}
