-- Password reset by mail (issue 15 part 2): a single-use, expiring link. Only the SHA-256 of the mailed secret is
-- stored, so a copy of the database (or a backup) cannot be used to reset anyone's password. used_at is set by the
-- one conditional update that consumes a token, which is what makes it single use under concurrent requests.
CREATE TABLE password_reset_token (
    id          bigint       NOT NULL PRIMARY KEY,
    user_id     varchar(64)  NOT NULL,
    token_hash  varchar(64)  NOT NULL,
    created_at  timestamp(6) with time zone NOT NULL,
    expires_at  timestamp(6) with time zone NOT NULL,
    used_at     timestamp(6) with time zone,
    CONSTRAINT uq_password_reset_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_password_reset_token_user ON password_reset_token (user_id);
CREATE INDEX ix_password_reset_token_expires ON password_reset_token (expires_at);
CREATE SEQUENCE password_reset_token_id_seq START WITH 1 INCREMENT BY 1;
