-- What admins see of each polled mailbox (issue 9): the last poll, the last one that worked, and why one failed.
CREATE TABLE mail_poll_status (
    mailbox          varchar(254)  NOT NULL PRIMARY KEY,
    last_poll_at     timestamp(6) with time zone NOT NULL,
    last_success_at  timestamp(6) with time zone,
    last_error       varchar(2000),
    last_read        integer       NOT NULL,
    last_created     integer       NOT NULL,
    last_appended    integer       NOT NULL,
    last_quarantined integer       NOT NULL
);
