package dev.flowdesk.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Full-text search over the knowledge base, the one search interface: PostgreSQL's text search (german and english
 * stemming, ranked) on PostgreSQL, a word-stem match on H2; an OpenSearch implementation can take its place later.
 */
public interface ArticleSearch {

    /**
     * Which articles may be found: statuses, visibilities, a language (null: any), and the tenant condition of the
     * caller ({@code organisation.TenantScope#sql} on the column {@code tenant}, with its parameters).
     */
    record Scope(Set<String> statuses, Set<String> visibilities, String language, String tenantSql,
                 Map<String, Object> tenantParams) {
    }

    /** One hit, best first; {@code score} only orders hits of one search. */
    record Hit(long id, double score) {
    }

    /**
     * Hits for {@code query} within {@code scope}, best first; the total of all hits for paging, or, when
     * {@code exact} is false, a lower bound (an implementation may stop counting a very broad query).
     */
    record Result(List<Hit> hits, long total, boolean exact) {
    }

    Result search(String query, Scope scope, int offset, int limit);
}
