-- Flowdesk's own tables. Hibernate validates against these; Camunda creates its ACT_* tables itself.
-- Portable SQL for PostgreSQL and H2 2.x: long text is varchar(n), not text/clob, so one entity mapping fits both.

CREATE SEQUENCE ticket_id_seq START WITH 1 INCREMENT BY 50;
-- Human-friendly numbers (FD-000123) come from their own gap-tolerant sequence: unique under concurrency.
CREATE SEQUENCE ticket_number_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE audit_event_id_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE ticket (
    id                     bigint        NOT NULL PRIMARY KEY,
    number                 varchar(20)   NOT NULL,
    type                   varchar(30)   NOT NULL,
    channel                varchar(20)   NOT NULL,
    subject                varchar(200)  NOT NULL,
    description            varchar(100000) NOT NULL,
    status                 varchar(40)   NOT NULL,
    priority               varchar(2)    NOT NULL,
    impact                 varchar(10)   NOT NULL,
    urgency                varchar(10)   NOT NULL,
    category               varchar(60)   NOT NULL,
    queue                  varchar(64)   NOT NULL,
    requester              varchar(254)  NOT NULL,
    assignee               varchar(64),
    resolution             varchar(100000),
    fields_json            varchar(100000) NOT NULL,
    process_instance_id    varchar(64),
    rule_set_version       varchar(200),
    rules_fired_json       varchar(20000) NOT NULL,
    first_response_due     timestamp(6) with time zone,
    resolution_due         timestamp(6) with time zone,
    created_at             timestamp(6) with time zone NOT NULL,
    updated_at             timestamp(6) with time zone NOT NULL,
    resolved_at            timestamp(6) with time zone,
    version                bigint        NOT NULL,
    CONSTRAINT uk_ticket_number UNIQUE (number)
);
CREATE INDEX ix_ticket_requester ON ticket (requester);
CREATE INDEX ix_ticket_queue_status ON ticket (queue, status);
CREATE INDEX ix_ticket_created ON ticket (created_at);

-- Append-only: the application never updates or deletes rows here.
CREATE TABLE audit_event (
    id          bigint        NOT NULL PRIMARY KEY,
    ticket_id   bigint        NOT NULL REFERENCES ticket (id),
    at          timestamp(6) with time zone NOT NULL,
    actor       varchar(254)  NOT NULL,
    type        varchar(40)   NOT NULL,
    detail      varchar(2000) NOT NULL,
    before_json varchar(20000),
    after_json  varchar(20000)
);
CREATE INDEX ix_audit_event_ticket ON audit_event (ticket_id, at);
