-- Rule-set versions live in the database; the shipped DRL is version 1 of each rule set (seeded at first start).
CREATE SEQUENCE rule_set_version_id_seq START WITH 1 INCREMENT BY 10;
CREATE SEQUENCE rule_set_event_id_seq START WITH 1 INCREMENT BY 10;

CREATE TABLE rule_set_version (
    id            bigint        NOT NULL PRIMARY KEY,
    name          varchar(64)   NOT NULL,
    rule_version  integer       NOT NULL,
    drl           varchar(500000) NOT NULL,
    status        varchar(10)   NOT NULL,
    comment       varchar(1000),
    created_by    varchar(64)   NOT NULL,
    created_at    timestamp(6) with time zone NOT NULL,
    activated_by  varchar(64),
    activated_at  timestamp(6) with time zone,
    version       bigint        NOT NULL,
    CONSTRAINT uk_rule_set_version UNIQUE (name, rule_version)
);

-- Append-only log of every step in a rule set's life: uploaded, refused, tested, replayed, activated.
CREATE TABLE rule_set_event (
    id            bigint        NOT NULL PRIMARY KEY,
    name          varchar(64)   NOT NULL,
    rule_version  integer,
    at            timestamp(6) with time zone NOT NULL,
    actor         varchar(64)   NOT NULL,
    type          varchar(20)   NOT NULL,
    detail        varchar(4000) NOT NULL
);
CREATE INDEX ix_rule_set_event_name ON rule_set_event (name, at);

-- The category chosen on a form is a fact for the rules; kept so that tickets can be re-decided (replay).
ALTER TABLE ticket ADD COLUMN category_hint varchar(60);
