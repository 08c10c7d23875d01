package dev.flowdesk.web;

import dev.flowdesk.error.DomainException;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;
import java.util.List;

/**
 * Turns every failure under {@code /api} into RFC 9457 {@code application/problem+json}; validation failures add
 * {@code errors: [{path, message}]}. Unexpected failures are logged with an id and answered without internals.
 */
@RestControllerAdvice
// Before Spring Boot's own ProblemDetailsExceptionHandler (spring.mvc.problemdetails), which would answer a bad
// path or query parameter with a problem that does not name the parameter.
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /**
     * The status one failure would answer with, for endpoints that report per-row outcomes (bulk work) instead of
     * failing as a whole: domain failures as below, lost updates and held tasks 409, anything else 500.
     */
    public static int statusOf(Throwable failure) {
        if (failure instanceof DomainException domain) {
            return statusOf(domain).value();
        }
        if (failure instanceof org.springframework.dao.ConcurrencyFailureException
                || failure instanceof OptimisticLockingException
                || failure instanceof jakarta.persistence.OptimisticLockException
                || failure instanceof org.hibernate.StaleStateException
                || failure instanceof TaskAlreadyClaimedException) {
            return HttpStatus.CONFLICT.value();
        }
        return HttpStatus.INTERNAL_SERVER_ERROR.value();
    }

    /** The one place where domain failures become HTTP statuses. */
    static HttpStatus statusOf(DomainException ex) {
        if (ex instanceof DomainException.NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (ex instanceof DomainException.Refused) {
            return HttpStatus.FORBIDDEN;
        }
        if (ex instanceof DomainException.Conflict) {
            return HttpStatus.CONFLICT;
        }
        if (ex instanceof DomainException.Unavailable) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.BAD_REQUEST;
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> api(DomainException ex, HttpServletRequest request) {
        ProblemDetail problem = problem(statusOf(ex), ex.getMessage(), request);
        if (!ex.errors().isEmpty()) {
            problem.setProperty("errors", ex.errors());
        }
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> beanValidation(MethodArgumentNotValidException ex, HttpServletRequest request) {
        List<DomainException.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new DomainException.FieldError(e.getField(), e.getDefaultMessage())).toList();
        return api(DomainException.invalid(errors), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request) {
        String detail = "The request body is not valid JSON for this endpoint";
        // A field the endpoint does not take (records marked @StrictBody): mass
        // assignment of status, requester, tenant or id is refused naming the field, not silently dropped.
        if (ex.getCause() instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return api(DomainException.invalid(unknown.getPropertyName(), "may not be set here"), request);
        }
        if (ex.getCause() instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String path = mismatch.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
            return api(DomainException.invalid(path, "has the wrong type"), request);
        }
        return respond(problem(HttpStatus.BAD_REQUEST, detail, request));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception ex, HttpServletRequest request) {
        String name = ex instanceof MissingServletRequestParameterException m ? m.getParameterName()
                : ((MethodArgumentTypeMismatchException) ex).getName();
        return api(DomainException.invalid(name, "is missing or has the wrong format"), request);
    }

    /*
     * Spring's ConcurrencyFailureException covers lost updates and deadlocks the database broke. JPA's and
     * Hibernate's own exceptions reach here untranslated when the flush runs in a commit callback (the inbox read
     * model flushes before it reads the tickets): the same lost update as Spring's translated one.
     */
    @ExceptionHandler({org.springframework.dao.ConcurrencyFailureException.class, OptimisticLockingException.class,
            jakarta.persistence.OptimisticLockException.class, org.hibernate.StaleStateException.class})
    ResponseEntity<ProblemDetail> concurrentEdit(Exception ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT,
                "Someone else changed this at the same time; reload and try again.", request));
    }

    /** Two requests created the same thing at once (a unique key): the later one is told, nothing is half-done. */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> duplicate(Exception ex, HttpServletRequest request) {
        log.info("Refused a conflicting write on {}: {}", request.getRequestURI(), ex.getMessage());
        return respond(problem(HttpStatus.CONFLICT,
                "This conflicts with a change made at the same time; reload and try again.", request));
    }

    /**
     * The engine wraps what its listeners and the database say. A listener's refusal (the four-eyes rule) answers
     * with its own status and reason; a unique key hit by two concurrent requests answers 409.
     */
    @ExceptionHandler(org.camunda.bpm.engine.ProcessEngineException.class)
    ResponseEntity<ProblemDetail> engine(org.camunda.bpm.engine.ProcessEngineException ex, HttpServletRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException refusal) {
                return api(refusal, request);
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return duplicate(ex, request);
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("40")) {
                // a deadlock or serialization failure the database resolved by rolling this request back
                return concurrentEdit(ex, request);
            }
        }
        if (changedMeanwhile(ex)) {
            return respond(problem(HttpStatus.CONFLICT, "The ticket's process moved on while this request was handled "
                    + "(a step of it ran at the same moment); nothing was changed, please try again.", request));
        }
        return unexpected(ex, request);
    }

    /**
     * The engine found an execution gone that it had just read: a job of the same process instance (an asynchronous
     * step) finished concurrently. Like an optimistic-locking failure, the request changed nothing and may be repeated.
     */
    static boolean changedMeanwhile(org.camunda.bpm.engine.ProcessEngineException ex) {
        return ex.getMessage() != null && ex.getMessage().contains("ENGINE-03077");
    }

    @ExceptionHandler(TaskAlreadyClaimedException.class)
    ResponseEntity<ProblemDetail> claimed(TaskAlreadyClaimedException ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "The task is held by someone else.", request));
    }

    /**
     * Signed out while this request was running: logout clears the session's security context, which concurrent
     * requests of the same session share. The request is answered as if it had arrived a moment later.
     */
    @ExceptionHandler(org.springframework.security.core.AuthenticationException.class)
    ResponseEntity<ProblemDetail> signedOut(Exception ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.UNAUTHORIZED, "Sign in first (HTTP Basic or a session).", request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "Your role does not allow this action.", request));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.METHOD_NOT_ALLOWED, ex.getMessage(), request));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ex.getMessage(), request));
    }

    /**
     * The client accepts no representation the endpoint has (found by AccessMatrixIT: {@code /api/docs.yaml} asked
     * for JSON answered 500). No body: there is none the client would take.
     */
    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(org.springframework.web.HttpMediaTypeNotAcceptableException ex) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
        // Above spring.servlet.multipart.max-file-size: a 400 naming the field, as for any file over
        // flowdesk.attachments.max-file-size (which is lower, so the usual answer comes from Attachments).
        return api(DomainException.invalid("file", "is larger than the upload limit"), request);
    }

    private static boolean clientAborted(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "No such resource", request));
    }

    @ExceptionHandler(NullValueException.class)
    ResponseEntity<ProblemDetail> camundaNotFound(NullValueException ex, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not found", request));
    }

    /**
     * The client went away while the answer was written (a browser navigated on, a download was cancelled): nothing
     * failed here and no one reads the answer, so it is a debug line, not an error with a stack trace.
     */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void clientGone(Exception ex, HttpServletRequest request) {
        log.debug("Client left during {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
        if (clientAborted(ex)) {
            clientGone(ex, request);
            return null;
        }
        if (DatabaseUnreachable.causes(ex)) {
            // Not a bug: the database restarts or fails over. Said at once, with when to try again.
            log.warn("Database unreachable on {} {}: {}", request.getMethod(), request.getRequestURI(), ex.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", DatabaseUnreachable.RETRY_AFTER_SECONDS)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnreachable.DETAIL, request));
        }
        String id = java.util.UUID.randomUUID().toString();
        log.error("Unexpected failure {} on {} {}", id, request.getMethod(), request.getRequestURI(), ex);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed. Reference: " + id, request);
        return respond(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
