-- Satisfaction per agent and queue (issue 10): a rating keeps the agent who had the ticket and its queue at the time
-- of the rating, so a later reassignment or move does not rewrite whose work was rated.
ALTER TABLE ticket_rating ADD COLUMN agent varchar(64);
ALTER TABLE ticket_rating ADD COLUMN queue varchar(64);
UPDATE ticket_rating SET agent = (SELECT t.assignee FROM ticket t WHERE t.id = ticket_rating.ticket_id),
    queue = (SELECT t.queue FROM ticket t WHERE t.id = ticket_rating.ticket_id);
CREATE INDEX ix_ticket_rating_created ON ticket_rating (created_at);
