-- API tokens (issue 15 part 3): only the SHA-256 of the secret is stored; the secret is shown once at creation.
CREATE TABLE api_token (
    id            bigint        NOT NULL PRIMARY KEY,
    user_id       varchar(64)   NOT NULL,
    name          varchar(100)  NOT NULL,
    token_hash    varchar(64)   NOT NULL,
    hint          varchar(12)   NOT NULL,
    scopes        varchar(500)  NOT NULL,
    created_by    varchar(64)   NOT NULL,
    created_at    timestamp(6) with time zone NOT NULL,
    expires_at    timestamp(6) with time zone NOT NULL,
    revoked_at    timestamp(6) with time zone,
    last_used_at  timestamp(6) with time zone,
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_api_token_user ON api_token (user_id, created_at);
CREATE SEQUENCE api_token_id_seq START WITH 1 INCREMENT BY 1;
