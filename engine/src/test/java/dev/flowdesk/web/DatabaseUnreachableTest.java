package dev.flowdesk.web;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "the database is away" (503) and which are bugs or conflicts (not). */
class DatabaseUnreachableTest {

    @Test
    void connectionFailuresShutdownsAndPoolTimeoutsAreUnreachable() {
        // the I/O error of a connection the server cut, wrapped the way Hibernate and Camunda wrap it
        assertThat(DatabaseUnreachable.causes(new IllegalStateException("ENGINE-03004",
                new RuntimeException(new SQLException("An I/O error occurred while sending to the backend", "08006")))))
                .isTrue();
        assertThat(DatabaseUnreachable.causes(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseUnreachable.causes(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseUnreachable.causes(new RuntimeException(new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms")))).isTrue();
        assertThat(DatabaseUnreachable.causes(new RuntimeException("Unable to rollback against JDBC Connection",
                new SQLException(DatabaseUnreachable.HIKARI_CLOSED)))).isTrue();
    }

    @Test
    void constraintViolationsAndOtherFailuresAreNot() {
        assertThat(DatabaseUnreachable.causes(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnreachable.causes(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseUnreachable.causes(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnreachable.causes(new IllegalStateException("a bug"))).isFalse();
    }
}
