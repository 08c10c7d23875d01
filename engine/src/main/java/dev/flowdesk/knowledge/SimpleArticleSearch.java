package dev.flowdesk.knowledge;

import dev.flowdesk.text.TextQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The embedded default's search (H2 has no stemming): each query word's {@link TextQuery#stems crude stem} is
 * matched anywhere in title (3 points), tags and category (2) and body (1), over the newest 5,000 articles in scope. Good enough for a small desk; PostgreSQL does it properly.
 */
class SimpleArticleSearch implements ArticleSearch {

    private static final int SCAN = 5_000;

    private final NamedParameterJdbcTemplate jdbc;

    SimpleArticleSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Result search(String query, Scope scope, int offset, int limit) {
        Set<String> stems = TextQuery.stems(query);
        if (stems.isEmpty()) {
            return new Result(List.of(), 0, true);
        }
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("statuses", scope.statuses())
                .addValue("visibilities", scope.visibilities()).addValue("language", scope.language())
                .addValues(scope.tenantParams())
                .addValue("scan", SCAN);
        List<Hit> hits = new ArrayList<>();
        jdbc.query("SELECT id, title, coalesce(tags, '') || ' ' || coalesce(category, ''), body_text FROM kb_article"
                + " WHERE status IN (:statuses) AND visibility IN (:visibilities) AND " + scope.tenantSql()
                + (scope.language() == null ? "" : " AND language = :language")
                + " ORDER BY updated_at DESC LIMIT :scan", params, rs -> {
                    double score = 0;
                    String title = rs.getString(2).toLowerCase(Locale.ROOT);
                    String tags = rs.getString(3).toLowerCase(Locale.ROOT);
                    String body = rs.getString(4).toLowerCase(Locale.ROOT);
                    for (String stem : stems) {
                        score += (title.contains(stem) ? 3 : 0) + (tags.contains(stem) ? 2 : 0)
                                + (body.contains(stem) ? 1 : 0);
                    }
                    if (score > 0) {
                        hits.add(new Hit(rs.getLong(1), score));
                    }
                });
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        List<Hit> page = hits.subList(Math.min(offset, hits.size()), Math.min(offset + limit, hits.size()));
        return new Result(List.copyOf(page), hits.size(), true);
    }
}
