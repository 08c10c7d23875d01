package dev.flowdesk.web;

import dev.flowdesk.error.DomainException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Writes an RFC 9457 problem straight to the servlet response, for the places that answer before any controller
 * runs (the security filter chain, request filters). Controllers' failures go through {@link ProblemHandler}; both
 * produce the same shape: {@code type, title, status, detail, instance} and, for invalid input,
 * {@code errors: [{path, message}]}.
 */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    public static void write(ObjectMapper mapper, HttpServletRequest request, HttpServletResponse response,
                             HttpStatus status, String detail, List<DomainException.FieldError> errors) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
