package dev.flowdesk.knowledge;

import dev.flowdesk.text.TextQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.List;

/**
 * PostgreSQL text search of {@link TextQuery#tsquery the shared query}. Matching uses the GIN index of
 * {@code kb_article.search_vector} (title, tags, category and body); ranking reads only the small {@code rank_vector}
 * (title, tags, category) kept in the row, so articles that match in the title and tags come first, then the more
 * recent: ranking by the full vector read every match's out-of-line body vector (218 ms p95 at
 * 100,000 articles). Every word must match; any word only when no article matches them all.
 *
 * <p>At most {@value #CANDIDATES} matches (or the requested page's end, if further) are ranked and counted: a query
 * as broad as one common word ("Drucker" at a desk with thousands of printer articles, or the any-word fallback)
 * matched ten thousand articles at 100,000, and ranking and counting every one of them was the slow tail of the
 * search (p95 131 ms for the statement alone). Up to that many matches the answer is exact; beyond it the page is the
 * best of the first candidates the index yields and the total says "at least" ({@link Result#exact()} false). A
 * query that broad asks for more words, not for the 2,000th article.
 */
class PostgresArticleSearch implements ArticleSearch {

    /** How many matches are ranked and counted at most. */
    static final int CANDIDATES = 1_000;

    private final NamedParameterJdbcTemplate jdbc;

    PostgresArticleSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Result search(String query, Scope scope, int offset, int limit) {
        TextQuery.Query tsquery = TextQuery.tsquery(jdbc, query);
        if (tsquery.isEmpty()) {
            return new Result(List.of(), 0, true);
        }
        Result every = matching(tsquery.all(), tsquery.any(), scope, offset, limit);
        return every.total() == 0 && tsquery.widens() ? matching(tsquery.any(), tsquery.any(), scope, offset, limit) : every;
    }

    /** The page of articles that match {@code tsquery}, ranked by how many of {@code rankQuery}'s terms they hold. */
    private Result matching(String tsquery, String rankQuery, Scope scope, int offset, int limit) {
        int candidates = Math.max(CANDIDATES, offset + limit);
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("q", tsquery).addValue("r", rankQuery).addValue("statuses", scope.statuses())
                .addValue("visibilities", scope.visibilities()).addValue("language", scope.language())
                .addValues(scope.tenantParams())
                .addValue("candidates", candidates + 1).addValue("offset", offset).addValue("limit", limit);
        // MATERIALIZED: the candidates are read once, for the count and the ranking, and the LIMIT stops the
        // bitmap heap scan after them
        String matches = "WITH m AS MATERIALIZED (SELECT a.id, a.rank_vector, a.updated_at FROM kb_article a"
                + " WHERE a.search_vector @@ to_tsquery('simple', :q)"
                + " AND a.status IN (:statuses) AND a.visibility IN (:visibilities) AND " + scope.tenantSql()
                + (scope.language() == null ? "" : " AND a.language = :language") + " LIMIT :candidates) ";
        long[] total = {0};
        List<Hit> hits = jdbc.query(matches + "SELECT m.id, ts_rank(m.rank_vector, to_tsquery('simple', :r)) AS score,"
                        + " (SELECT count(*) FROM m) AS total FROM m"
                        + " ORDER BY score DESC, m.updated_at DESC, m.id OFFSET :offset LIMIT :limit", params,
                (rs, i) -> {
                    total[0] = rs.getLong(3);
                    return new Hit(rs.getLong(1), rs.getDouble(2));
                });
        if (hits.isEmpty() && offset > 0) {
            // a page past the end has no row to carry the total
            Long counted = jdbc.queryForObject(matches + "SELECT count(*) FROM m", params, Long.class);
            total[0] = counted == null ? 0 : counted;
        }
        return total[0] > candidates ? new Result(hits, candidates, false) : new Result(hits, total[0], true);
    }
}
