-- Tickets from before V67 keep their levels: YELLOW and RED at 50 % and 80 % of the wall-clock time as before, and
-- the level they stand at now counts as announced, so the level job does not mail the whole backlog after the upgrade.
UPDATE ticket SET sla_yellow_at = created_at + (resolution_due - created_at) * 0.5,
                  sla_red_at = created_at + (resolution_due - created_at) * 0.8
 WHERE resolution_due IS NOT NULL AND resolution_due > created_at;
UPDATE ticket SET sla_level = CASE WHEN resolution_due < now() THEN 'BREACHED' WHEN sla_red_at <= now() THEN 'RED'
                                   WHEN sla_yellow_at <= now() THEN 'YELLOW' ELSE 'GREEN' END
 WHERE resolution_due IS NOT NULL AND resolved_at IS NULL;
CREATE INDEX ix_ticket_sla_open ON ticket (resolution_due) WHERE resolved_at IS NULL;
