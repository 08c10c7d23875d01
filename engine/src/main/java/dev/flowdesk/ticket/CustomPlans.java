package dev.flowdesk.ticket;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Locale;

/**
 * On PostgreSQL, plans every statement of the current transaction for its own parameter values. The driver prepares
 * a statement on the server after its fifth run, and PostgreSQL may then keep one generic plan for all values: for a
 * report whose period and scope are parameters, or a search whose words are, the plan that suits one value reads
 * another badly (an agent's yearly dashboard took 664 ms at p50 with generic plans, 159 ms without). Planning costs
 * a fraction of a millisecond per statement. Nothing happens on other databases or outside a transaction.
 */
@Component
public class CustomPlans {

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    CustomPlans(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** For the rest of the current transaction (SET LOCAL). */
    public void forThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        Boolean onPostgres = postgres;
        if (onPostgres == null) {
            onPostgres = jdbc.execute((ConnectionCallback<Boolean>) c ->
                    c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"));
            postgres = onPostgres;
        }
        if (onPostgres) {
            jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }
}
