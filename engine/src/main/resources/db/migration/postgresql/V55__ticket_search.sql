-- Full-text search of tickets (issue 11), the same text search as the knowledge base: German and English stems of
-- subject (A) and description (B), the number, category, requester and custom form fields as plain words, and each
-- conversation article's body, in GIN indexes. Generated columns, so no code path can forget to keep them.
ALTER TABLE ticket ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, coalesce(number, '')), 'A')
    || setweight(to_tsvector('german'::regconfig, coalesce(subject, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, coalesce(subject, '')), 'A')
    || setweight(to_tsvector('german'::regconfig, coalesce(description, '')), 'B')
    || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')
    || setweight(to_tsvector('simple'::regconfig, coalesce(category, '') || ' ' || coalesce(requester, '')), 'C')
    || setweight(to_tsvector('simple'::regconfig, coalesce(fields_json, '')), 'D')
) STORED;
CREATE INDEX ix_ticket_search ON ticket USING gin (search_vector);

ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('german'::regconfig, coalesce(body, '')) || to_tsvector('english'::regconfig, coalesce(body, ''))
) STORED;
CREATE INDEX ix_article_search ON article USING gin (search_vector);
