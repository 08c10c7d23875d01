package dev.flowdesk.workflow.migration;

import dev.flowdesk.error.DomainException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a designer's request into Camunda's migration plan: the proposal maps every activity to the one with the
 * same id ({@code mapEqualActivities}, which also pairs their boundary events and event sub-processes), and the
 * designer's mapping replaces or removes single instructions. Timers stay as they are on mapped boundary events (no
 * {@code updateEventTrigger}): an SLA timer keeps its due date, which the SLA clock has already moved through every
 * pause; timers the new version adds are created with the values the ticket has.
 */
@Component
class MigrationPlans {

    private final RuntimeService runtime;
    private final RepositoryService repository;

    MigrationPlans(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    /** The checked request, its two definitions and models, and the plan Camunda validated. */
    record Planned(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance sourceModel,
                   BpmnModelInstance targetModel, MigrationPlan plan) {
    }

    Planned plan(MigrationRequest request) {
        ProcessDefinition source = definition(request.sourceDefinitionId(), "sourceDefinitionId");
        ProcessDefinition target = definition(request.targetDefinitionId(), "targetDefinitionId");
        if (source.getId().equals(target.getId())) {
            throw DomainException.invalid("targetDefinitionId", "must differ from the source definition");
        }
        BpmnModelInstance sourceModel = repository.getBpmnModelInstance(source.getId());
        BpmnModelInstance targetModel = repository.getBpmnModelInstance(target.getId());
        List<DomainException.FieldError> errors = new ArrayList<>();
        request.mapping().forEach((from, to) -> {
            if (!(sourceModel.getModelElementById(from) instanceof FlowElement)) {
                errors.add(new DomainException.FieldError("mapping." + from, "is no activity of " + source.getId()));
            } else if (to != null && !to.isBlank() && !(targetModel.getModelElementById(to) instanceof FlowElement)) {
                errors.add(new DomainException.FieldError("mapping." + from, "'" + to + "' is no activity of "
                        + target.getId()));
            }
        });
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        MigrationPlan proposed = runtime.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities()
                .build();
        MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
        for (MigrationInstruction instruction : proposed.getInstructions()) {
            if (!request.mapping().containsKey(instruction.getSourceActivityId())) {
                var mapped = builder.mapActivities(instruction.getSourceActivityId(),
                        instruction.getTargetActivityId());
                if (instruction.isUpdateEventTrigger()) {
                    mapped.updateEventTrigger();
                }
            }
        }
        for (Map.Entry<String, String> entry : request.mapping().entrySet()) {
            if (entry.getValue() != null && !entry.getValue().isBlank()) {
                builder.mapActivities(entry.getKey(), entry.getValue());
            }
        }
        try {
            return new Planned(source, target, sourceModel, targetModel, builder.build());
        } catch (MigrationPlanValidationException invalid) {
            List<DomainException.FieldError> problems = new ArrayList<>();
            for (MigrationInstructionValidationReport report : invalid.getValidationReport().getInstructionReports()) {
                String from = report.getMigrationInstruction().getSourceActivityId();
                report.getFailures().forEach(f -> problems.add(new DomainException.FieldError("mapping." + from, f)));
            }
            if (problems.isEmpty()) {
                problems.add(new DomainException.FieldError("mapping", invalid.getMessage()));
            }
            throw DomainException.invalid(problems);
        }
    }

    private ProcessDefinition definition(String id, String field) {
        if (id == null || id.isBlank()) {
            throw DomainException.invalid(field, "is required");
        }
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionId(id)
                .singleResult();
        if (definition == null) {
            throw DomainException.invalid(field, "no process definition '" + id + "' is deployed");
        }
        return definition;
    }
}
