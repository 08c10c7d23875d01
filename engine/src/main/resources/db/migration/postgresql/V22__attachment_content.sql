-- The bytes of the database attachment store (see common/V21): bytea on PostgreSQL (TOASTed, compressed where it
-- pays; at most 1 GB per value, far above the per-file limit).
CREATE TABLE attachment_content (
    id       varchar(32)  NOT NULL PRIMARY KEY REFERENCES attachment (id),
    content  bytea        NOT NULL
);
