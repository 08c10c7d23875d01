package dev.flowdesk.inbox;

import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the inbox read model ({@code inbox_entry}) equal to what Camunda's runtime tables and the ticket say: one row
 * per open task and per principal who sees it (see {@code V50__inbox_entry.sql}), with the ticket's sort keys copied.
 * <p>
 * Whoever changes a task (the engine's task listener), its candidates or a ticket only says <em>which</em> task or
 * ticket changed; just before the transaction commits, after the engine and JPA have flushed, the rows of those tasks
 * are deleted and selected again from the engine tables by the one statement {@link #rebuild()} also uses. So the
 * rows cannot drift from a hand-written copy of the rules, and an upgrade or a repair fills them the same way.
 */
@Service
public class InboxEntries {

    /** The principal of a task's assignee; the only row of an assigned task. */
    public static String assignee(String user) {
        return "a:" + user;
    }

    /** A candidate user of an unassigned task. */
    public static String candidateUser(String user) {
        return "u:" + user;
    }

    /** A candidate group of an unassigned task. */
    public static String candidateGroup(String group) {
        return "g:" + group;
    }

    /**
     * The rows of open tasks, from Camunda's runtime tables (stable across 7.x) and the ticket found through the
     * {@code ticketId} variable of the task's process instance; a called process (an approval) has that variable
     * mapped in, so its tasks sort by the ticket that called it. {@code %s} narrows to some tasks, or to none.
     */
    static final String ROWS = "SELECT P.TASK_ID AS task_id, P.PRINCIPAL AS principal,"
            + " COUNT(*) OVER (PARTITION BY P.TASK_ID) > 1 AS shared, V.LONG_ AS ticket_id, T.priority AS priority,"
            + " T.resolution_due AS resolution_due, RES.CREATE_TIME_ AS task_created"
            + " FROM (SELECT RES.ID_ AS TASK_ID, 'a:' || RES.ASSIGNEE_ AS PRINCIPAL FROM ACT_RU_TASK RES"
            + "       WHERE RES.ASSIGNEE_ IS NOT NULL %1$s"
            + "       UNION"
            + "       SELECT RES.ID_, CASE WHEN I.GROUP_ID_ IS NOT NULL THEN 'g:' || I.GROUP_ID_ ELSE 'u:' || I.USER_ID_ END"
            + "       FROM ACT_RU_TASK RES JOIN ACT_RU_IDENTITYLINK I ON I.TASK_ID_ = RES.ID_"
            + "       WHERE RES.ASSIGNEE_ IS NULL AND I.TYPE_ = 'candidate'"
            + "       AND (I.GROUP_ID_ IS NOT NULL OR I.USER_ID_ IS NOT NULL) %1$s) P"
            + " JOIN ACT_RU_TASK RES ON RES.ID_ = P.TASK_ID"
            + " LEFT JOIN ACT_RU_VARIABLE V ON V.EXECUTION_ID_ = RES.PROC_INST_ID_ AND V.NAME_ = 'ticketId'"
            + " LEFT JOIN ticket T ON T.id = V.LONG_"
            + " WHERE RES.SUSPENSION_STATE_ = 1";
    private static final String INSERT = "INSERT INTO inbox_entry"
            + " (task_id, principal, shared, ticket_id, priority, resolution_due, task_created) ";
    /** Keeps each IN list well below the drivers' parameter limits when one transaction touches many tickets. */
    private static final int CHUNK = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final EntityManager entityManager;

    InboxEntries(NamedParameterJdbcTemplate jdbc, EntityManager entityManager) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /** A task was created, assigned, released, completed or deleted, or its candidates changed. */
    public void taskChanged(String taskId) {
        changed(Set.of(taskId), Set.of());
    }

    /** A ticket changed (its priority or due date may sort its tasks elsewhere). */
    public void ticketChanged(long ticketId) {
        changed(Set.of(), Set.of(ticketId));
    }

    /**
     * Fills the read model from the engine: after an upgrade, a restore, or a node that ran without the listener.
     * Returns the number of rows written.
     */
    @Transactional
    public int rebuild() {
        jdbc.getJdbcTemplate().update("DELETE FROM inbox_entry");
        return jdbc.getJdbcTemplate().update(INSERT + ROWS.formatted(""));
    }

    /** Joins the changes of the current transaction, applied once just before it commits. */
    private void changed(Set<String> taskIds, Set<Long> ticketIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refresh(taskIds, ticketIds); // no transaction to join (engine commands and services always have one)
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.tasks.addAll(taskIds);
        pending.tickets.addAll(ticketIds);
    }

    private void refresh(Set<String> taskIds, Set<Long> ticketIds) {
        Set<String> tasks = new LinkedHashSet<>(taskIds);
        for (List<Long> chunk : chunks(new ArrayList<>(ticketIds))) {
            tasks.addAll(jdbc.queryForList("SELECT task_id FROM inbox_entry WHERE ticket_id IN (:tickets)",
                    new MapSqlParameterSource("tickets", chunk), String.class));
        }
        for (List<String> chunk : chunks(new ArrayList<>(tasks))) {
            MapSqlParameterSource params = new MapSqlParameterSource("tasks", chunk);
            jdbc.update("DELETE FROM inbox_entry WHERE task_id IN (:tasks)", params);
            jdbc.update(INSERT + ROWS.formatted("AND RES.ID_ IN (:tasks)"), params);
        }
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    /**
     * The tasks and tickets a transaction changed. Applied in {@code beforeCommit}: the engine has flushed every
     * command by then, and flushing JPA first makes a ticket change of this transaction visible to the SQL (and
     * reports, through the ticket's entity listener, the tickets that flush updates).
     */
    private final class Pending implements TransactionSynchronization {

        final Set<String> tasks = new LinkedHashSet<>();
        final Set<Long> tickets = new LinkedHashSet<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            if (entityManager.isJoinedToTransaction()) {
                entityManager.flush();
            }
            refresh(tasks, tickets);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(InboxEntries.this);
        }
    }
}
