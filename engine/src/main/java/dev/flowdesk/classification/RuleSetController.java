package dev.flowdesk.classification;

import dev.flowdesk.rules.Decision;
import dev.flowdesk.rules.TicketFacts;
import dev.flowdesk.security.CurrentUsers;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** {@code /api/rulesets}: designers list, upload, test, replay, activate and roll back rule sets. */
@RestController
@RequestMapping("/api/rulesets")
class RuleSetController {

    private final RuleSets ruleSets;
    private final java.time.Clock clock;

    RuleSetController(RuleSets ruleSets, java.time.Clock clock) {
        this.clock = clock;
        this.ruleSets = ruleSets;
    }

    /** JSON form of an upload; plain DRL text ({@code text/plain}) is accepted as well. */
    record Upload(String drl, String comment) {
    }

    @GetMapping
    List<RuleSets.RuleSetSummary> list() {
        return ruleSets.list(CurrentUsers.require());
    }

    @GetMapping("/{name}/versions/{version}")
    RuleSets.VersionDetail get(@PathVariable String name, @PathVariable int version) {
        return ruleSets.get(name, version, CurrentUsers.require());
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
        return created(ruleSets.upload(name, upload.drl(), upload.comment(), CurrentUsers.require()));
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
    RuleSets.ReplayReport replay(@PathVariable String name, @PathVariable int version,
                                 @RequestParam(defaultValue = "100") int last) {
        return ruleSets.replay(name, version, last, CurrentUsers.require());
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
