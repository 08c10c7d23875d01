-- Warranty and contract expiry reminders (issue 13): one row per asset and end date, written before the reminder
-- ticket in the same transaction. The primary key is what keeps two scheduler nodes (or a rerun) from reminding
-- twice: the second insert waits for the first and then fails.
CREATE TABLE asset_reminder (
    asset_id    bigint       NOT NULL REFERENCES asset (id),
    kind        varchar(20)  NOT NULL,
    due         date         NOT NULL,
    ticket_id   bigint       REFERENCES ticket (id),
    created_at  timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (asset_id, kind, due)
);
