package dev.flowdesk.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A failure a client can act on, answered as {@code application/problem+json} with its status. Use the factory
 * methods: {@link #notFound}, {@link #conflict}, {@link #forbidden}, {@link #invalid}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final transient List<FieldError> errors;

    private ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found", List.of());
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail, List.of());
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail, List.of());
    }

    /** The request was fine but a part of the desk cannot serve it now (e.g. a process model that fails). */
    public static ApiException unavailable(String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail, List.of());
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, List.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.isEmpty() ? "invalid request"
                : errors.size() == 1 ? errors.get(0).path() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid, first " + errors.get(0).path() + ": " + errors.get(0).message();
        return new ApiException(HttpStatus.BAD_REQUEST, detail, errors);
    }

    public static ApiException invalid(String path, String message) {
        return invalid(List.of(new FieldError(path, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One invalid field, with its path as formio.js names it (e.g. {@code data.email}). */
    public record FieldError(String path, String message) {
    }
}
