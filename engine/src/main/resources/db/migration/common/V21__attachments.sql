-- Attachments (issue 10): one store for files from forms, portal and agent replies, and mail. The metadata row is
-- always here; the bytes are in attachment_content (the database store, the default) or in a directory (the
-- filesystem store). Ids are 128 random bits in URL-safe Base64: nobody guesses another user's upload.
CREATE TABLE attachment (
    id            varchar(32)    NOT NULL PRIMARY KEY,
    ticket_id     bigint         REFERENCES ticket (id),
    article_id    bigint,
    uploaded_by   varchar(254)   NOT NULL,
    name          varchar(255)   NOT NULL,
    content_type  varchar(127)   NOT NULL,
    size_bytes    bigint         NOT NULL,
    sha256        varchar(64)    NOT NULL,
    content_id    varchar(254),
    internal      boolean        NOT NULL DEFAULT false,
    created_at    timestamp(6) with time zone NOT NULL
);
CREATE INDEX ix_attachment_ticket ON attachment (ticket_id, created_at);
CREATE INDEX ix_attachment_pending ON attachment (uploaded_by, created_at);
