package dev.flowdesk.web;

import dev.flowdesk.error.DomainException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from domain failures to HTTP statuses. */
class ProblemHandlerTest {

    @Test
    void eachKindOfDomainFailureHasItsStatus() {
        assertThat(ProblemHandler.statusOf(DomainException.notFound("ticket 1"))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ProblemHandler.statusOf(DomainException.refused("no"))).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ProblemHandler.statusOf(DomainException.conflict("held"))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ProblemHandler.statusOf(DomainException.invalid("data.x", "bad"))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ProblemHandler.statusOf(DomainException.badRequest("bad"))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ProblemHandler.statusOf(DomainException.unavailable("down")))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void invalidInputNamesItsFields() {
        DomainException invalid = DomainException.invalid("data.email", "is required");
        assertThat(invalid.getMessage()).isEqualTo("data.email: is required");
        assertThat(invalid.errors()).extracting(DomainException.FieldError::path).containsExactly("data.email");
    }

    @Test
    void anExecutionRemovedByAConcurrentJobIsAConflictNotAFailure() {
        assertThat(ProblemHandler.changedMeanwhile(new org.camunda.bpm.engine.ProcessEngineException(
                "ENGINE-03077 Cannot resolve parent with id 'a' of execution 'b', perhaps it was deleted in the meantime")))
                .isTrue();
        assertThat(ProblemHandler.changedMeanwhile(new org.camunda.bpm.engine.ProcessEngineException("ENGINE-01009")))
                .isFalse();
    }
}
