-- The e-mail channel (issue 9). Portable SQL for PostgreSQL and H2 2.x, like V1.

-- Mail articles show who wrote to whom: sender, recipients, the sanitized HTML next to the text body.
ALTER TABLE article ADD COLUMN from_address varchar(998);
ALTER TABLE article ADD COLUMN to_addresses varchar(4000);
ALTER TABLE article ADD COLUMN cc_addresses varchar(4000);
ALTER TABLE article ADD COLUMN body_html varchar(200000);
ALTER TABLE article ADD COLUMN attachments_json varchar(20000);

-- A ticket that talks by mail: the short unguessable token of its subject tag ([FD-000123·k7q2]), the address
-- mails go to and the language they are written in.
CREATE TABLE mail_thread (
    ticket_id          bigint        NOT NULL PRIMARY KEY REFERENCES ticket (id),
    ticket_number      varchar(20)   NOT NULL UNIQUE,
    token              varchar(12)   NOT NULL,
    requester_address  varchar(254),
    language           varchar(8)    NOT NULL,
    created_at         timestamp(6) with time zone NOT NULL
);

-- People copied on a ticket's mails (CC): they may reply, and they are copied on the answers.
CREATE TABLE mail_watcher (
    ticket_id  bigint        NOT NULL REFERENCES ticket (id),
    address    varchar(254)  NOT NULL,
    PRIMARY KEY (ticket_id, address)
);

-- Every Message-ID we received or sent. Unique: a message read twice (crash between commit and \Seen) is
-- recognised, and In-Reply-To/References find their ticket. Mail without a Message-ID is keyed by its SHA-256.
CREATE TABLE mail_message (
    message_key  varchar(512)  NOT NULL PRIMARY KEY,
    ticket_id    bigint        REFERENCES ticket (id),
    direction    varchar(3)    NOT NULL,
    outcome      varchar(20)   NOT NULL,
    mailbox      varchar(254),
    created_at   timestamp(6) with time zone NOT NULL
);
CREATE INDEX ix_mail_message_ticket ON mail_message (ticket_id);

-- Inbound mail that could not be processed, with the reason; the message is flagged on the server so it is not
-- read again and again.
CREATE SEQUENCE mail_quarantine_id_seq START WITH 1 INCREMENT BY 10;
CREATE TABLE mail_quarantine (
    id           bigint         NOT NULL PRIMARY KEY,
    message_key  varchar(512)   NOT NULL UNIQUE,
    mailbox      varchar(254)   NOT NULL,
    sender       varchar(998),
    subject      varchar(998),
    reason       varchar(2000)  NOT NULL,
    received_at  timestamp(6) with time zone NOT NULL
);

-- Addresses our mail bounced from (DSN, RFC 3464): a hard bounce stops automatic mail to that address.
CREATE TABLE mail_bounce (
    address      varchar(254)   NOT NULL PRIMARY KEY,
    bounces      integer        NOT NULL,
    hard         boolean        NOT NULL,
    last_status  varchar(20),
    last_reason  varchar(1000),
    last_at      timestamp(6) with time zone NOT NULL
);

-- Outgoing mail, written in the transaction of the change that causes it and sent after commit by a job.
CREATE SEQUENCE mail_outbox_id_seq START WITH 1 INCREMENT BY 10;
CREATE TABLE mail_outbox (
    id               bigint          NOT NULL PRIMARY KEY,
    ticket_id        bigint          REFERENCES ticket (id),
    template         varchar(40)     NOT NULL,
    recipient        varchar(254)    NOT NULL,
    cc               varchar(4000),
    subject          varchar(998)    NOT NULL,
    body             varchar(100000) NOT NULL,
    message_id       varchar(512)    NOT NULL UNIQUE,
    in_reply_to      varchar(512),
    references_ids   varchar(4000),
    auto_submitted   varchar(20)     NOT NULL,
    automatic        boolean         NOT NULL,
    status           varchar(10)     NOT NULL,
    attempts         integer         NOT NULL,
    next_attempt_at  timestamp(6) with time zone NOT NULL,
    claimed_until    timestamp(6) with time zone,
    last_error       varchar(2000),
    created_at       timestamp(6) with time zone NOT NULL,
    sent_at          timestamp(6) with time zone,
    version          bigint          NOT NULL
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX ix_mail_outbox_recipient ON mail_outbox (recipient, created_at);
