-- Search of the open tickets at volume (issue 11): "password reset", open only, read every match of the words among
-- a million closed tickets to find the one open ticket (0.5-0.7 s). The open tickets' words get an index of their
-- own (a tenth of the desk), which PostgreSQL uses when the search says "open" in these same words
-- (TicketConditions.DONE, written as literals so the planner can match them); and the open tickets' ids with the
-- columns of the access scope, so the conversation side of such a search checks each matching article's ticket in
-- this small index instead of reading the ticket row.
CREATE INDEX ix_ticket_search_open ON ticket USING gin (search_vector)
    WHERE status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED', 'REJECTED');
CREATE INDEX ix_ticket_open_scope ON ticket (id) INCLUDE (queue, assignee, requester, tenant)
    WHERE status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED', 'REJECTED');
