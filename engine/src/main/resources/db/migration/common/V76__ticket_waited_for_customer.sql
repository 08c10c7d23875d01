-- Reports at volume (issue 11: the dashboard within a second at a million tickets): first-contact resolution needs to
-- know whether a ticket ever waited for its requester. It was a probe of the audit trail per resolved ticket; it is
-- now a flag the ticket keeps, set when its status becomes WAITING_CUSTOMER, and filled here from the audit trail.
ALTER TABLE ticket ADD COLUMN waited_for_customer boolean DEFAULT false NOT NULL;
UPDATE ticket SET waited_for_customer = true WHERE id IN (SELECT a.ticket_id FROM audit_event a
    WHERE a.type = 'STATUS_CHANGED' AND a.after_json LIKE '%"WAITING_CUSTOMER"%');
