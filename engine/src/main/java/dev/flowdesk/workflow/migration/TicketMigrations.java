package dev.flowdesk.workflow.migration;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.AuditEventType;
import dev.flowdesk.ticket.AuditTrail;
import dev.flowdesk.workflow.migration.MigrationPlans.Planned;
import dev.flowdesk.workflow.migration.MigrationPreview.InstancePreview;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Moving open tickets to another version of their model (issue 12 part 2): a preview of what would happen to each
 * ticket, and the migration itself through Camunda's migration API. Each ticket moves in a transaction of its own,
 * with its audit event: one that Camunda refuses (it moved on meanwhile, a lost race) stays untouched on its version
 * and is listed, and the others are moved all the same. Tickets the plan cannot map are never touched.
 */
@Service
public class TicketMigrations {

    private static final Logger log = LoggerFactory.getLogger(TicketMigrations.class);
    static final int MAX_TICKETS = 10_000;
    /** Named tickets are looked up one by one (Camunda has no query by several business keys). */
    static final int MAX_NAMED = 1_000;
    private static final String DESIGNERS_ONLY = "Only process designers migrate tickets between model versions.";

    private final MigrationPlans plans;
    private final MigrationPreview preview;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final ManagementService management;
    private final AuditTrail audit;
    private final TransactionTemplate perTicket;

    TicketMigrations(MigrationPlans plans, MigrationPreview preview, RuntimeService runtime,
                     RepositoryService repository, ManagementService management,
                     AuditTrail audit, PlatformTransactionManager transactions) {
        this.management = management;
        this.plans = plans;
        this.preview = preview;
        this.runtime = runtime;
        this.repository = repository;
        this.audit = audit;
        this.perTicket = new TransactionTemplate(transactions);
        this.perTicket.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** MIGRATE and UNMAPPABLE answer a preview; a migration answers MIGRATED, UNMAPPABLE or FAILED. */
    public enum Outcome { MIGRATE, UNMAPPABLE, MIGRATED, FAILED }

    /** One ticket (null id: an instance that belongs to no ticket); the details say what happens or happened. */
    public record TicketOutcome(Long ticketId, String processInstanceId, Outcome outcome, String reason,
                                List<MigrationPreview.Move> moves, List<MigrationPreview.Timer> timers,
                                List<String> missingVariables, List<String> warnings) {
    }

    public record Report(String sourceDefinitionId, String targetDefinitionId, Map<String, String> mapping,
                         Map<Outcome, Long> counts, List<TicketOutcome> tickets) {
    }

    /** Open tickets of one older version and where they stand. */
    public record OpenVersion(String definitionId, int version, long openInstances, Map<String, Long> activities) {
    }

    /** Every version of {@code key} with its open instances per activity, newest first. */
    public List<OpenVersion> openVersions(String key, CurrentUser user) {
        user.requireAny(DESIGNERS_ONLY, Role.DESIGNER);
        var definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .orderByProcessDefinitionVersion().desc().list();
        if (definitions.isEmpty()) {
            throw DomainException.notFound("process " + key);
        }
        List<OpenVersion> result = new ArrayList<>();
        for (var definition : definitions) {
            Map<String, Long> activities = new java.util.TreeMap<>();
            // Camunda's statistics count the instances per activity in one aggregate query
            management.createActivityStatisticsQuery(definition.getId()).list()
                    .forEach(s -> activities.put(s.getId(), (long) s.getInstances()));
            result.add(new OpenVersion(definition.getId(), definition.getVersion(),
                    runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count(), activities));
        }
        return result;
    }

    public Report preview(MigrationRequest request, CurrentUser user) {
        user.requireAny(DESIGNERS_ONLY, Role.DESIGNER);
        Planned planned = plans.plan(request);
        List<TicketOutcome> outcomes = new ArrayList<>();
        Set<String> newVariables = newVariables(planned);
        for (Candidate candidate : candidates(request, planned)) {
            outcomes.add(candidate.instance() == null ? notOnSource(candidate, planned)
                    : previewed(candidate, planned, newVariables));
        }
        return report(planned, outcomes);
    }

    /** Migrates what the preview would move, ticket by ticket; answers what happened to each. */
    public Report migrate(MigrationRequest request, CurrentUser user) {
        user.requireAny(DESIGNERS_ONLY, Role.DESIGNER);
        Planned planned = plans.plan(request);
        Set<String> newVariables = newVariables(planned);
        List<TicketOutcome> outcomes = new ArrayList<>();
        for (Candidate candidate : candidates(request, planned)) {
            if (candidate.instance() == null) {
                outcomes.add(notOnSource(candidate, planned));
                continue;
            }
            TicketOutcome previewed = previewed(candidate, planned, newVariables);
            outcomes.add(previewed.outcome() == Outcome.MIGRATE ? migrate(candidate, planned, previewed, user)
                    : previewed);
        }
        Report report = report(planned, outcomes);
        log.info("{} migrated tickets from {} to {}: {}", user.id(), planned.source().getId(),
                planned.target().getId(), report.counts());
        return report;
    }

    private TicketOutcome migrate(Candidate candidate, Planned planned, TicketOutcome previewed, CurrentUser user) {
        try {
            perTicket.executeWithoutResult(status -> {
                runtime.newMigration(planned.plan()).processInstanceIds(candidate.instance().getId()).execute();
                if (candidate.ticketId() != null) {
                    audit.record(candidate.ticketId(), user.id(), AuditEventType.PROCESS_MIGRATED,
                            "Process moved from " + describe(planned.source()) + " to " + describe(planned.target())
                                    + ": " + previewed.moves().stream().map(m -> m.sourceActivityId().equals(
                                    m.targetActivityId()) ? m.sourceActivityId()
                                    : m.sourceActivityId() + " → " + m.targetActivityId())
                                    .collect(Collectors.joining(", ")),
                            Map.of("processDefinitionId", planned.source().getId()),
                            Map.of("processDefinitionId", planned.target().getId(), "moves", previewed.moves(),
                                    "timers", previewed.timers()));
                }
            });
            return new TicketOutcome(candidate.ticketId(), candidate.instance().getId(), Outcome.MIGRATED, null,
                    previewed.moves(), previewed.timers(), previewed.missingVariables(), previewed.warnings());
        } catch (MigratingProcessInstanceValidationException refused) {
            return new TicketOutcome(candidate.ticketId(), candidate.instance().getId(), Outcome.UNMAPPABLE,
                    reasons(refused.getValidationReport()), List.of(), List.of(), List.of(), List.of());
        } catch (ProcessEngineException | org.springframework.dao.DataAccessException failed) {
            log.warn("Migration of process instance {} (ticket {}) failed; it stays on {}",
                    candidate.instance().getId(), candidate.ticketId(), planned.source().getId(), failed);
            return new TicketOutcome(candidate.ticketId(), candidate.instance().getId(), Outcome.FAILED,
                    "not moved: " + firstLine(failed.getMessage()) + " (it stays on " + describe(planned.source())
                            + "; try again)", List.of(), List.of(), List.of(), List.of());
        }
    }

    private TicketOutcome previewed(Candidate candidate, Planned planned, Set<String> newVariables) {
        InstancePreview result = preview.of(candidate.instance(), planned, newVariables);
        if (!result.mappable()) {
            List<String> reasons = new ArrayList<>();
            result.unmapped().forEach(id -> reasons.add("'" + id + "' has no counterpart in "
                    + describe(planned.target())));
            reasons.addAll(result.conflicts());
            return new TicketOutcome(candidate.ticketId(), candidate.instance().getId(), Outcome.UNMAPPABLE,
                    String.join("; ", reasons) + ": map it to a fitting activity of the new version, or the ticket "
                            + "stays where it is", List.of(), List.of(), result.missingVariables(),
                    result.warnings());
        }
        return new TicketOutcome(candidate.ticketId(), candidate.instance().getId(), Outcome.MIGRATE, null,
                result.moves(), result.timers(), result.missingVariables(), result.warnings());
    }

    private static TicketOutcome notOnSource(Candidate candidate, Planned planned) {
        return new TicketOutcome(candidate.ticketId(), null, Outcome.UNMAPPABLE, "the ticket has no open process on "
                + describe(planned.source()), List.of(), List.of(), List.of(), List.of());
    }

    private record Candidate(Long ticketId, ProcessInstance instance) {
    }

    /** The open instances of the source definition, or those of the named tickets (in the order named). */
    private List<Candidate> candidates(MigrationRequest request, Planned planned) {
        var query = runtime.createProcessInstanceQuery().processDefinitionId(planned.source().getId());
        if (request.ticketIds() == null) {
            long count = query.count();
            if (count > MAX_TICKETS) {
                throw DomainException.invalid("ticketIds", count + " tickets run on " + planned.source().getId()
                        + "; name at most " + MAX_TICKETS + " at a time");
            }
            return query.orderByProcessInstanceId().asc().list().stream()
                    .map(instance -> new Candidate(ticketId(instance.getBusinessKey()), instance)).toList();
        }
        if (request.ticketIds().size() > MAX_NAMED) {
            throw DomainException.invalid("ticketIds", "name at most " + MAX_NAMED + " tickets at a time");
        }
        Set<Long> named = new LinkedHashSet<>(request.ticketIds());
        if (named.contains(null)) {
            throw DomainException.invalid("ticketIds", "must not contain null");
        }
        Map<Long, ProcessInstance> byTicket = new LinkedHashMap<>();
        for (Long id : named) {
            runtime.createProcessInstanceQuery().processDefinitionId(planned.source().getId())
                    .processInstanceBusinessKey(String.valueOf(id)).list().stream().findFirst()
                    .ifPresent(instance -> byTicket.put(id, instance));
        }
        return named.stream().map(id -> new Candidate(id, byTicket.get(id))).toList();
    }

    private Set<String> newVariables(Planned planned) {
        return preview.newVariables(xml(planned.source().getId()), xml(planned.target().getId()));
    }

    private String xml(String definitionId) {
        try (var in = repository.getProcessModel(definitionId)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read process model " + definitionId, e);
        }
    }

    private static Report report(Planned planned, List<TicketOutcome> outcomes) {
        Map<String, String> mapping = new LinkedHashMap<>();
        planned.plan().getInstructions().forEach(i -> mapping.put(i.getSourceActivityId(), i.getTargetActivityId()));
        Map<Outcome, Long> counts = new LinkedHashMap<>();
        outcomes.forEach(o -> counts.merge(o.outcome(), 1L, Long::sum));
        return new Report(planned.source().getId(), planned.target().getId(), mapping, counts, outcomes);
    }

    private static String reasons(MigratingProcessInstanceValidationReport report) {
        List<String> reasons = new ArrayList<>(report.getFailures());
        report.getActivityInstanceReports().forEach(r -> r.getFailures()
                .forEach(f -> reasons.add("'" + r.getSourceScopeId() + "': " + f)));
        report.getTransitionInstanceReports().forEach(r -> r.getFailures()
                .forEach(f -> reasons.add("'" + r.getSourceScopeId() + "': " + f)));
        return reasons.isEmpty() ? "refused by the engine" : String.join("; ", reasons);
    }

    private static String describe(org.camunda.bpm.engine.repository.ProcessDefinition definition) {
        return definition.getKey() + " version " + definition.getVersion();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Tickets start their process with their id as business key. */
    static Long ticketId(String businessKey) {
        if (businessKey == null || businessKey.isEmpty() || businessKey.length() > 18
                || !businessKey.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(businessKey);
    }
}
