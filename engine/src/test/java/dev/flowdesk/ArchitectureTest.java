package dev.flowdesk;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Package by feature: a feature's entities and repositories are its own business; other features go through its
 * public service. The web layer speaks records, never entities. Camunda's internals stay in the workflow glue.
 */
class ArchitectureTest {

    private static final JavaClasses FLOWDESK = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.flowdesk");

    @Test
    void entitiesAreUsedOnlyInsideTheirFeature() {
        for (var entity : FLOWDESK.stream().filter(c -> c.isAnnotatedWith(Entity.class)).toList()) {
            noClasses().that().resideOutsideOfPackage(entity.getPackageName())
                    .should().dependOnClassesThat().haveFullyQualifiedName(entity.getName())
                    .because("other features use " + entity.getPackageName() + " through its service")
                    .check(FLOWDESK);
        }
    }

    /**
     * Features depend on each other in one direction only, so that each can be understood, tested and changed
     * without the others that use it. (Broken on purpose once: with {@code classification.RuleSets} importing
     * {@code ticket.TicketQueries} again, this fails naming the cycle classification → ticket → classification.)
     */
    @Test
    void featurePackagesAreFreeOfCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("dev.flowdesk.(*)..").should().beFreeOfCycles().check(FLOWDESK);
    }

    /** HTTP is the web layer's business: services, listeners and delegates throw domain exceptions instead. */
    @Test
    void onlyTheWebLayerSpeaksHttpStatuses() {
        noClasses().that().resideOutsideOfPackage("dev.flowdesk.web..")
                .and().areNotAnnotatedWith(RestController.class)
                // the security filter chain answers 401/403 before any controller runs
                .and().doNotHaveFullyQualifiedName("dev.flowdesk.security.SecurityConfig")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.http.HttpStatus")
                .because("features report failures as dev.flowdesk.error.DomainException; ProblemHandler maps them")
                .check(FLOWDESK);
    }

    @Test
    void repositoriesAreNotPublic() {
        classes().that().areAssignableTo(Repository.class).should().notBePublic().check(FLOWDESK);
    }

    @Test
    void controllersAnswerWithRecordsNotEntities() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(RestController.class)
                .should().notHaveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "an entity", c -> c.isAnnotatedWith(Entity.class)))
                .check(FLOWDESK);
    }

    @Test
    void camundaEngineInternalsStayInTheWorkflowGlue() {
        noClasses().that().resideOutsideOfPackages("dev.flowdesk.workflow..", "dev.flowdesk.form..", "dev.flowdesk.scheduling..")
                .and().areNotAssignableTo(org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin.class)
                .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
                .because("only the engine glue (parse listeners, engine plugins, scheduler health) may touch Camunda's internal API")
                .check(FLOWDESK);
    }
}
