-- Knowledge-base ranking at volume (issue 10): matching stays on the full search_vector (GIN), but ranking reads a
-- small vector of title, tags and category only. The full vector of a long article is stored out of line (TOAST),
-- and ranking thousands of matches by it read every one of them: 218 ms p95 at 100,000 articles. The small vector
-- sits in the row.
ALTER TABLE kb_article ADD COLUMN rank_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,
                          coalesce(title, '')), 'A')
    || setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,
                             coalesce(tags, '') || ' ' || coalesce(category, '')), 'B')
) STORED;
