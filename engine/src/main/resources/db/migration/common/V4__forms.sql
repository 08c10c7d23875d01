-- Designer forms: every save is a new version; the newest version of a key is the one offered to new users,
-- while a task keeps the version that was current when it was created.
CREATE SEQUENCE form_definition_id_seq START WITH 1 INCREMENT BY 10;
CREATE SEQUENCE form_deflection_id_seq START WITH 1 INCREMENT BY 10;

CREATE TABLE form_definition (
    id            bigint         NOT NULL PRIMARY KEY,
    form_key      varchar(64)    NOT NULL,
    form_version  integer        NOT NULL,
    definition    varchar(1000000) NOT NULL,
    created_by    varchar(64)    NOT NULL,
    created_at    timestamp(6) with time zone NOT NULL,
    CONSTRAINT uk_form_definition UNIQUE (form_key, form_version)
);

-- Self-service deflection: a form that ended without a ticket because the shown answer solved the problem.
CREATE TABLE form_deflection (
    id            bigint         NOT NULL PRIMARY KEY,
    form_key      varchar(64)    NOT NULL,
    form_version  integer        NOT NULL,
    submitted_by  varchar(254),
    at            timestamp(6) with time zone NOT NULL
);
CREATE INDEX ix_form_deflection_key ON form_deflection (form_key, at);
