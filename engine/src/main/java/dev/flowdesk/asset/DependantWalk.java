package dev.flowdesk.asset;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The one walk of the relation graph: every CI that runs on, depends on or is part of a CI, transitively, with its
 * distance. One recursive query in the database; a cycle of relations ends because a row already found is not
 * added again (UNION) and the walk stops at {@link #MAX_DEPTH} levels. The impact analysis lists what it finds, and
 * the rules' facts count it ({@code configurationItem.dependants}), so both say the same about a CI.
 */
@Component
@EnableConfigurationProperties(CmdbProperties.class)
class DependantWalk {

    /** Deeper than any real service tree; bounds the walk even if the database kept re-visiting a cycle. */
    static final int MAX_DEPTH = 50;

    private static final String DEPENDANTS = """
            WITH RECURSIVE dependants (id, depth) AS (
                SELECT r.source_id, 1 FROM asset_relation r
                 WHERE r.target_id = :id AND r.type IN ('RUNS_ON', 'DEPENDS_ON', 'PART_OF')
                UNION
                SELECT r.source_id, d.depth + 1 FROM asset_relation r JOIN dependants d ON r.target_id = d.id
                 WHERE r.type IN ('RUNS_ON', 'DEPENDS_ON', 'PART_OF') AND d.depth < :max
            )
            SELECT id, min(depth) AS distance FROM dependants WHERE id <> :id GROUP BY id
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final CmdbProperties properties;

    DependantWalk(NamedParameterJdbcTemplate jdbc, CmdbProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Every CI that depends on asset {@code id}, transitively, with its distance. */
    Map<Long, Integer> dependants(long id) {
        Map<Long, Integer> distance = new HashMap<>();
        jdbc.query(DEPENDANTS, Map.of("id", id, "max", MAX_DEPTH),
                rs -> { distance.put(rs.getLong("id"), rs.getInt("distance")); });
        return distance;
    }

    /** Whether {@code count} dependants are many ({@code flowdesk.cmdb.many-dependants}). */
    boolean many(int count) {
        return count >= properties.manyDependants();
    }
}
