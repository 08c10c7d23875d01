package dev.flowdesk.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises a failure that means "the database cannot be reached right now" rather than a bug: PostgreSQL is
 * restarting or failing over (SQLSTATE class 08, connection exceptions; 57P01–57P03, shut down or starting up), or
 * the pool found no connection within {@code spring.datasource.hikari.connection-timeout}. Such requests are answered
 * 503 with {@code Retry-After} at once ({@link ProblemHandler}, and {@link DatabaseUnreachableFilter} for the sign-in
 * that runs before any controller), never with a 500 that looks like a bug, and never after a long wait.
 */
public final class DatabaseUnreachable {

    static final String DETAIL = "The database cannot be reached at the moment; please try again shortly.";
    /** Seconds a client should wait before trying again: about what a PostgreSQL restart takes. */
    static final String RETRY_AFTER_SECONDS = "5";

    /**
     * What Hikari's proxy says (without a SQLSTATE) once it has evicted a connection the server cut: the rollback
     * after a statement failed with 57P01 fails with this, and Spring reports the rollback's failure, not the first.
     */
    static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseUnreachable() {
    }

    /** True when the failure, or anything that caused it, says the database is unreachable. */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true; // Hikari: no connection within the connection timeout
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
