package dev.flowdesk.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * How the security filters answer a refusal before any controller runs: {@link SecurityConfig} writes it as
 * problem+json through the one {@code web.ProblemWriter}, so that the filters themselves speak no HTTP status type.
 */
@FunctionalInterface
interface ProblemResponse {
    void write(HttpServletRequest request, HttpServletResponse response, int status, String detail)
            throws IOException;
}
