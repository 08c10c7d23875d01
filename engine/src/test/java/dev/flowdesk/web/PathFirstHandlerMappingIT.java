package dev.flowdesk.web;

import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller lookup that tests the path first answers as Spring's own: a path with variables finds its method,
 * a known path with the wrong method is 405, the wrong media type is 415, an unknown path is 404.
 */
class PathFirstHandlerMappingIT extends PostgresEngineTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theApplicationUsesThePathFirstLookup() {
        assertThat(mapping).isInstanceOf(PathFirstHandlerMapping.class);
    }

    @Test
    void aPathWithVariablesFindsItsMethodAndAWrongMethodOrMediaTypeIsNamed() {
        Response created = as("alice").post("/api/forms/report-incident/submissions",
                "{\"data\":{\"subject\":\"Path-first lookup\",\"description\":\"x\",\"impact\":\"LOW\","
                        + "\"urgency\":\"LOW\"}}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json("/ticketId").asLong();

        assertThat(as("alice").get("/api/tickets/" + id).json("/subject").asText()).isEqualTo("Path-first lookup");
        assertThat(as("alice").delete("/api/forms/report-incident/submissions").status()).isEqualTo(405);
        Response wrongType = as("alice").postRaw("/api/forms/report-incident/submissions", "text/plain", "hello");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
        assertThat(as("alice").get("/api/no-such-thing/" + id).status()).isEqualTo(404);
    }
}
