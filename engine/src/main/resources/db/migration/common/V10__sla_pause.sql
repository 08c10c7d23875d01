-- When the SLA clock of a ticket stopped (an activity with slaClock=paused, e.g. waiting for the customer).
ALTER TABLE ticket ADD COLUMN sla_paused_at timestamp(6) with time zone;
