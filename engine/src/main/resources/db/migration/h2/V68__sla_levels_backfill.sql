-- Tickets from before V67 keep their levels (see the PostgreSQL version of this migration).
UPDATE ticket SET sla_yellow_at = DATEADD('SECOND', DATEDIFF('SECOND', created_at, resolution_due) / 2, created_at),
                  sla_red_at = DATEADD('SECOND', DATEDIFF('SECOND', created_at, resolution_due) * 4 / 5, created_at)
 WHERE resolution_due IS NOT NULL AND resolution_due > created_at;
UPDATE ticket SET sla_level = CASE WHEN resolution_due < CURRENT_TIMESTAMP THEN 'BREACHED'
                                   WHEN sla_red_at <= CURRENT_TIMESTAMP THEN 'RED'
                                   WHEN sla_yellow_at <= CURRENT_TIMESTAMP THEN 'YELLOW' ELSE 'GREEN' END
 WHERE resolution_due IS NOT NULL AND resolved_at IS NULL;
CREATE INDEX ix_ticket_sla_open ON ticket (resolution_due);
