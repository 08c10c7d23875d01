package dev.flowdesk.error;

import java.util.List;

/**
 * A failure that the caller can act on, said in the domain's terms: something is not there (or not for this user),
 * an action is refused with a reason, it conflicts with the current state, the input is invalid (with the fields at
 * fault), or a part of the desk cannot serve it now. Services, listeners and delegates throw these whatever the
 * channel (REST, mail, a process step); only the web layer's {@code ProblemHandler} turns them into HTTP statuses,
 * and the mail intake into answers by mail.
 */
public abstract class DomainException extends RuntimeException {

    private final transient List<FieldError> errors;

    private DomainException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    /** The fields at fault (empty unless the input was invalid). */
    public List<FieldError> errors() {
        return errors;
    }

    /** One invalid field, with its path as formio.js names it (e.g. {@code data.email}). */
    public record FieldError(String path, String message) {
    }

    /** Does not exist, or the caller may not know that it exists. */
    public static final class NotFound extends DomainException {
        private NotFound(String what) {
            super(what + " not found", List.of());
        }
    }

    /** The caller may not do this; the message says why. */
    public static final class Refused extends DomainException {
        private Refused(String reason) {
            super(reason, List.of());
        }
    }

    /** The action does not fit the current state (held by someone else, already rated, ...). */
    public static final class Conflict extends DomainException {
        private Conflict(String detail) {
            super(detail, List.of());
        }
    }

    /** The input is wrong; {@link #errors()} names the fields where it is known. */
    public static final class Invalid extends DomainException {
        private Invalid(String detail, List<FieldError> errors) {
            super(detail, errors);
        }
    }

    /** The request is fine, but a part of the desk cannot serve it now (e.g. a process model that fails). */
    public static final class Unavailable extends DomainException {
        private Unavailable(String detail) {
            super(detail, List.of());
        }
    }

    public static NotFound notFound(String what) {
        return new NotFound(what);
    }

    public static Refused refused(String reason) {
        return new Refused(reason);
    }

    public static Conflict conflict(String detail) {
        return new Conflict(detail);
    }

    public static Unavailable unavailable(String detail) {
        return new Unavailable(detail);
    }

    /** Invalid input without a single field to blame (e.g. a whole document that does not parse). */
    public static Invalid badRequest(String detail) {
        return new Invalid(detail, List.of());
    }

    public static Invalid invalid(List<FieldError> errors) {
        String detail = errors.isEmpty() ? "invalid request"
                : errors.size() == 1 ? errors.get(0).path() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid, first " + errors.get(0).path() + ": " + errors.get(0).message();
        return new Invalid(detail, errors);
    }

    public static Invalid invalid(String path, String message) {
        return invalid(List.of(new FieldError(path, message)));
    }
}
