-- Who has a ticket open (issue 11: collision detection). The browser's ticket page sends a heartbeat every few
-- seconds; a viewer counts while seen within the last 30 s. A table rather than memory, so that two engine nodes
-- without sticky sessions see each other's agents; rows past the window are deleted by the next heartbeat.
CREATE TABLE ticket_viewer (
    ticket_id  bigint       NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    user_id    varchar(64)  NOT NULL,
    seen_at    timestamp(6) with time zone NOT NULL,
    CONSTRAINT pk_ticket_viewer PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX ix_ticket_viewer_seen ON ticket_viewer (seen_at);
