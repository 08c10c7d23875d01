-- The bytes of the database attachment store (see common/V21): a BLOB on H2.
CREATE TABLE attachment_content (
    id       varchar(32)  NOT NULL PRIMARY KEY REFERENCES attachment (id),
    content  blob         NOT NULL
);
