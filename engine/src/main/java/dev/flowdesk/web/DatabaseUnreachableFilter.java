package dev.flowdesk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Answers 503 problem+json when the database is unreachable in a filter, before any controller runs: signing in
 * (HTTP Basic or the login form) checks the password in the database, and Spring Security lets such a failure escape
 * as a 500 error page. Controllers' failures never get here; {@link ProblemHandler} answers them the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseUnreachableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnreachableFilter.class);

    private final ObjectMapper mapper;

    DatabaseUnreachableFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseUnreachable.causes(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unreachable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            response.setHeader("Retry-After", DatabaseUnreachable.RETRY_AFTER_SECONDS);
            ProblemWriter.write(mapper, request, response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnreachable.DETAIL,
                    List.of());
        }
    }
}
