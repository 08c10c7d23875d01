-- Second factor (issue 15 part 2): one TOTP secret per user (RFC 6238), confirmed once a code from the user's app
-- matched; last_step refuses a code used before (replay). Recovery codes are single use and stored as SHA-256.
CREATE TABLE totp_credential (
    user_id       varchar(64)  NOT NULL PRIMARY KEY,
    secret        varchar(64)  NOT NULL,
    confirmed_at  timestamp(6) with time zone,
    last_step     bigint       NOT NULL,
    created_at    timestamp(6) with time zone NOT NULL
);

CREATE TABLE totp_recovery_code (
    user_id    varchar(64)  NOT NULL,
    code_hash  varchar(64)  NOT NULL,
    used_at    timestamp(6) with time zone,
    CONSTRAINT pk_totp_recovery_code PRIMARY KEY (user_id, code_hash)
);
