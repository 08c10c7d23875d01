package dev.flowdesk.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the controller method of a request by its path first. A path with a variable ({@code /api/tickets/{id}})
 * has no direct lookup, so Spring tries every one of the ~220 mappings, and its order of checks tests the HTTP method,
 * the CORS pre-flight headers, parameters, headers and media types of each before the path; for a form submission
 * that was 14 % of the request's CPU (the lookup runs twice: once for Spring Security's request matchers, once for
 * the dispatcher). Testing the path first (a parsed-path comparison that fails at the first differing segment) drops
 * the other checks for every mapping whose path cannot match. The answer is the same: a mapping whose patterns do
 * not match is never a match, and a request that matches nothing still gets the full analysis (405, 415, 406) from
 * {@code handleNoMatch}, which looks at every mapping again.
 */
public class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

    /**
     * The parsed path of the request being looked up, read once per lookup: reading it from the request for each
     * mapping walks the chain of request wrappers every time (as costly as the matching itself).
     */
    private static final ThreadLocal<PathContainer> LOOKUP_PATH = new ThreadLocal<>();

    @Override
    protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
        PathContainer outer = LOOKUP_PATH.get();
        LOOKUP_PATH.set(ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication() : null);
        try {
            return super.getHandlerInternal(request);
        } finally {
            LOOKUP_PATH.set(outer);
        }
    }

    @Override
    protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
        PathPatternsRequestCondition paths = info.getPathPatternsCondition();
        PathContainer path = LOOKUP_PATH.get();
        if (path != null && paths != null && !paths.isEmptyPathMapping() && !anyMatches(paths, path)) {
            return null;
        }
        return super.getMatchingMapping(info, request);
    }

    private static boolean anyMatches(PathPatternsRequestCondition paths, PathContainer path) {
        for (PathPattern pattern : paths.getPatterns()) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** Spring Boot's hook for replacing the annotated-controller mapping while keeping its configuration. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        WebMvcRegistrations pathFirstHandlerMapping() {
            return new WebMvcRegistrations() {
                @Override
                public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                    return new PathFirstHandlerMapping();
                }
            };
        }
    }
}
