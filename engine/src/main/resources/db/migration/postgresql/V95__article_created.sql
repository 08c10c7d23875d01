-- Search newest first (issue 11): TicketSearch looks in the last week, month and year first, and an article is never
-- older than its ticket, so the conversation side reads only the window's articles, ANDing this index's range with
-- the words' matches in ix_article_search. (Not CONCURRENTLY: Flyway waits on itself with it. Building it holds
-- back new articles for a few seconds per million rows; see docs/operations.md, upgrading.)
CREATE INDEX IF NOT EXISTS ix_article_created ON article (created_at);
