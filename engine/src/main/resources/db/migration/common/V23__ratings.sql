-- Satisfaction (issue 10): one rating per ticket, by its requester, once it is resolved.
CREATE TABLE ticket_rating (
    ticket_id   bigint        NOT NULL PRIMARY KEY REFERENCES ticket (id),
    score       smallint      NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment     varchar(2000),
    rated_by    varchar(254)  NOT NULL,
    created_at  timestamp(6) with time zone NOT NULL
);
