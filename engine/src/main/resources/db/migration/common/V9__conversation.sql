-- The conversation of a ticket: public replies and internal notes, whatever the channel.
CREATE SEQUENCE article_id_seq START WITH 1 INCREMENT BY 10;

CREATE TABLE article (
    id          bigint         NOT NULL PRIMARY KEY,
    ticket_id   bigint         NOT NULL REFERENCES ticket (id),
    author      varchar(254)   NOT NULL,
    visibility  varchar(10)    NOT NULL,
    channel     varchar(20)    NOT NULL,
    body        varchar(100000) NOT NULL,
    created_at  timestamp(6) with time zone NOT NULL
);
CREATE INDEX ix_article_ticket ON article (ticket_id, created_at);
