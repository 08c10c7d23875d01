package dev.flowdesk;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the engine tests that cross features: the whole application on a random port over a real PostgreSQL, with
 * the demo users. Every subclass shares one application context (and database), so tests create their own data and
 * never assume an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(TestClock.Config.class)
public abstract class PostgresEngineTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }

    @LocalServerPort
    protected int port;

    protected ApiClient as(String user) {
        return ApiClient.as(port, user, "demo");
    }
}
