-- Full-text search of the knowledge base on PostgreSQL: one tsvector per article in its own language's
-- configuration (german or english stemming), title weighted above body, in a GIN index.
ALTER TABLE kb_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,
                          coalesce(title, '')), 'A')
    || setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,
                             coalesce(tags, '') || ' ' || coalesce(category, '')), 'B')
    || setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,
                             body_text), 'C')
) STORED;
CREATE INDEX ix_kb_article_search ON kb_article USING gin (search_vector);
