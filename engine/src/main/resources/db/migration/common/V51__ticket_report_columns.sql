-- Reports (issue 11): when an agent first responded, when the ticket was closed (or cancelled, rejected), how often
-- it was reopened. Filled from the audit trail for tickets that exist already. Portable SQL for PostgreSQL and H2.
ALTER TABLE ticket ADD COLUMN first_responded_at timestamp(6) with time zone;
ALTER TABLE ticket ADD COLUMN closed_at timestamp(6) with time zone;
ALTER TABLE ticket ADD COLUMN reopen_count integer DEFAULT 0 NOT NULL;

UPDATE ticket SET closed_at = updated_at WHERE status IN ('CLOSED', 'CANCELLED', 'REJECTED');
UPDATE ticket SET reopen_count = (SELECT count(*) FROM audit_event a WHERE a.ticket_id = ticket.id
    AND a.type = 'STATUS_CHANGED' AND a.after_json LIKE '%"REOPENED"%');
UPDATE ticket SET first_responded_at = (SELECT min(a.at) FROM audit_event a WHERE a.ticket_id = ticket.id
    AND a.type IN ('ASSIGNED', 'REPLY_ADDED') AND a.actor <> ticket.requester);

CREATE INDEX ix_ticket_closed ON ticket (closed_at);
