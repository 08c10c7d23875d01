-- H2 (the embedded default) has no full-text stemming; SimpleTextSearch matches word stems with LIKE. Kept as a
-- version of its own so both databases share one migration history.
CREATE INDEX ix_kb_article_updated ON kb_article (updated_at);
