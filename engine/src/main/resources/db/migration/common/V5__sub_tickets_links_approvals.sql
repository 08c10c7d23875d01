-- Sub-tickets, ticket links and approval decisions (issue 5). Portable SQL for PostgreSQL and H2 2.x.

-- A sub-ticket names its parent; the parent's process waits for its children (call activity of child-ticket.bpmn).
ALTER TABLE ticket ADD COLUMN parent_id bigint REFERENCES ticket (id);
CREATE INDEX ix_ticket_parent ON ticket (parent_id);

CREATE SEQUENCE ticket_link_id_seq START WITH 1 INCREMENT BY 50;
-- A directed link between two tickets, e.g. incident -PROBLEM_CANDIDATE-> problem, problem -RAISED_CHANGE-> change.
CREATE TABLE ticket_link (
    id              bigint        NOT NULL PRIMARY KEY,
    from_ticket_id  bigint        NOT NULL REFERENCES ticket (id),
    to_ticket_id    bigint        NOT NULL REFERENCES ticket (id),
    type            varchar(40)   NOT NULL,
    created_at      timestamp(6) with time zone NOT NULL,
    created_by      varchar(254)  NOT NULL,
    CONSTRAINT uk_ticket_link UNIQUE (from_ticket_id, to_ticket_id, type)
);
CREATE INDEX ix_ticket_link_to ON ticket_link (to_ticket_id);

CREATE SEQUENCE approval_decision_id_seq START WITH 1 INCREMENT BY 50;
-- Append-only: every approval decision with who, what, why and when. One vote per approver and approval instance.
CREATE TABLE approval_decision (
    id                   bigint        NOT NULL PRIMARY KEY,
    ticket_id            bigint        NOT NULL REFERENCES ticket (id),
    process_instance_id  varchar(64)   NOT NULL,
    task_id              varchar(64)   NOT NULL,
    approver             varchar(254)  NOT NULL,
    decision             varchar(10)   NOT NULL,
    comment              varchar(5000),
    decided_at           timestamp(6) with time zone NOT NULL,
    CONSTRAINT uk_approval_vote UNIQUE (process_instance_id, approver)
);
CREATE INDEX ix_approval_decision_ticket ON approval_decision (ticket_id, decided_at);
