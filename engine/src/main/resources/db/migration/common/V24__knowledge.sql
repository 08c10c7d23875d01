-- The knowledge base (issue 10): articles with versions. body_html is sanitized rich text; body_text its text, which
-- search reads. version counts edits (optimistic locking: a stale edit is a 409).
CREATE SEQUENCE kb_article_id_seq START WITH 1 INCREMENT BY 10;

CREATE TABLE kb_article (
    id                bigint         NOT NULL PRIMARY KEY,
    version           integer        NOT NULL,
    status            varchar(12)    NOT NULL,
    visibility        varchar(10)    NOT NULL,
    language          varchar(8)     NOT NULL,
    category          varchar(100),
    tags              varchar(1000),
    title             varchar(300)   NOT NULL,
    body_html         varchar(200000) NOT NULL,
    body_text         varchar(200000) NOT NULL,
    source_ticket_id  bigint         REFERENCES ticket (id),
    created_by        varchar(254)   NOT NULL,
    created_at        timestamp(6) with time zone NOT NULL,
    updated_by        varchar(254)   NOT NULL,
    updated_at        timestamp(6) with time zone NOT NULL,
    published_at      timestamp(6) with time zone
);
CREATE INDEX ix_kb_article_status ON kb_article (status, visibility, language);

-- Every earlier version of an article, as it was before an edit.
CREATE TABLE kb_article_version (
    article_id  bigint         NOT NULL REFERENCES kb_article (id),
    version     integer        NOT NULL,
    title       varchar(300)   NOT NULL,
    body_html   varchar(200000) NOT NULL,
    status      varchar(12)    NOT NULL,
    edited_by   varchar(254)   NOT NULL,
    edited_at   timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- A deflection may name the article that solved the requester's problem.
ALTER TABLE form_deflection ADD COLUMN kb_article_id bigint;
