-- The agents' inbox as a read model (issue 11: an inbox page in p95 <= 50 ms at 100,000 open tickets).
-- One row per open task and per principal who sees it in the "candidate" inbox: 'a:<user>' its assignee,
-- or, while it is unassigned, 'g:<group>' / 'u:<user>' each candidate group and user. An inbox is then a few ordered
-- index ranges (one per principal of the caller) and its total an index-only count, whatever the number of tickets;
-- joining Camunda's task, variable and link tables to the ticket sorted every candidate row on every request.
-- The sort keys are copied from the ticket the task works on (its process's ticketId variable); InboxEntries
-- recomputes a task's rows from the engine tables and the ticket in the transaction that changed either.
CREATE TABLE inbox_entry (
    task_id        varchar(64)  NOT NULL,
    principal      varchar(320) NOT NULL,
    -- the task has more than one row: only these need de-duplicating when a total is counted
    shared         boolean      NOT NULL,
    ticket_id      bigint,
    priority       varchar(2),
    resolution_due timestamp(6) with time zone,
    task_created   timestamp(6) NOT NULL,
    CONSTRAINT pk_inbox_entry PRIMARY KEY (task_id, principal)
);
-- one index per order an inbox offers (urgency, due, created/newest), each led by the principal
CREATE INDEX ix_inbox_entry_urgency ON inbox_entry (principal, priority, resolution_due, task_created, task_id);
CREATE INDEX ix_inbox_entry_due ON inbox_entry (principal, resolution_due, priority, task_created, task_id);
CREATE INDEX ix_inbox_entry_created ON inbox_entry (principal, task_created, task_id);
-- totals: few distinct keys, so PostgreSQL's b-tree de-duplication keeps this index small
CREATE INDEX ix_inbox_entry_count ON inbox_entry (principal, shared);
CREATE INDEX ix_inbox_entry_ticket ON inbox_entry (ticket_id);
