-- The report roll-up's indexes that only PostgreSQL has (the tables: common/V90).
-- What reports compute live at every read, whatever the roll-up: the open tickets' part (the backlog, and the SLA
-- counts still waiting for a response or resolution, breached or pending by the time of the report). An index-only
-- scan of this partial index (open tickets only) instead of reading the rows of every open ticket.
CREATE INDEX ix_ticket_open_figures ON ticket (created_at) INCLUDE (tenant, queue, priority, category, channel, type,
    first_responded_at, first_response_due, resolved_at, resolution_due, closed_at, assignee, requester)
    WHERE closed_at IS NULL;

-- An agent's report reads her queues from the roll-up and the rest of her scope live: her requests (by user id:
-- ix_ticket_requester; by address: this one) and the tickets assigned to her (common/V90).
CREATE INDEX ix_ticket_requester_lower ON ticket (lower(requester));
