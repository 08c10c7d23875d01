-- Versions of every designer artefact with who, when and a comment (issue 12 part 5). Rule sets had a comment already.
ALTER TABLE form_definition ADD COLUMN comment varchar(1000);

-- Mail templates kept only their current override; every save (and every revert to the shipped text) is now a
-- revision of its own, numbered on from the override's version, so that versions can be listed and compared.
CREATE TABLE mail_template_version (
    name        varchar(40)    NOT NULL,
    language    varchar(8)     NOT NULL,
    revision    integer        NOT NULL,
    source      varchar(20000) NOT NULL,
    comment     varchar(1000),
    created_by  varchar(254)   NOT NULL,
    created_at  timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (name, language, revision)
);
INSERT INTO mail_template_version (name, language, revision, source, comment, created_by, created_at)
    SELECT name, language, version, source, 'saved before versions were kept', updated_by, updated_at
    FROM mail_template;

-- A designer's comment on a BPMN deployment: Camunda's deployment has a name and a source, but no comment.
CREATE TABLE process_deployment_comment (
    deployment_id varchar(64)   NOT NULL PRIMARY KEY,
    comment       varchar(1000) NOT NULL
);
