-- Tenants enforced everywhere (issues 13 part 5 and 15 part 5). The one access scope (ticket.TicketAccessScope with
-- organisation.TenantScope) reads these columns; NULL means "no tenant": the desk's own tickets, and knowledge base
-- articles and forms shared by every tenant. Portable SQL for PostgreSQL and H2 2.x.

-- A ticket belongs to its requester's tenant (her organisation's, else her own), fixed when it is opened.
ALTER TABLE ticket ADD COLUMN tenant varchar(64);
CREATE INDEX ix_ticket_tenant ON ticket (tenant, created_at);

-- Tickets opened before this change: the tenant of the requester's organisation, found by her address or user id.
UPDATE ticket SET tenant = (
    SELECT max(o.tenant) FROM contact c JOIN organisation o ON o.id = c.organisation_id
    WHERE c.merged_into IS NULL
      AND (c.user_id = ticket.requester
           OR c.id IN (SELECT e.contact_id FROM contact_email e WHERE e.email = lower(ticket.requester))))
WHERE tenant IS NULL;

-- An article written for one tenant; NULL: shared by all.
ALTER TABLE kb_article ADD COLUMN tenant varchar(64);
CREATE INDEX ix_kb_article_tenant ON kb_article (tenant);

-- A form version offered to one tenant's users only; NULL: to everyone its access property admits.
ALTER TABLE form_definition ADD COLUMN tenant varchar(64);
