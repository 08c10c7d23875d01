package dev.flowdesk.ticket;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.text.TextQuery;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds tickets for lists, views, counters and the search box: SQL with the caller's
 * {@link TicketAccessScope#sql scope} and the {@link TicketFilter}'s filters ({@link TicketConditions}) and a sort
 * from an allow-list (every value is a bind parameter). The words of the search box go through the same
 * {@link TextQuery} as the knowledge base: PostgreSQL's text search over the ticket (number, subject, description,
 * category, requester, custom fields: {@code ticket.search_vector}) and its conversation
 * ({@code article.search_vector}, public articles only for requesters, so an internal note never lets a requester
 * find a ticket), both GIN-indexed; on H2 a substring match of the words' stems.
 *
 * <p>The page and the total are two statements: the page alone can stop after its rows when an index gives the
 * order (newest first over a million tickets reads a few hundred index entries), where one pass with
 * {@code count(*) OVER ()} had to visit every row in scope (1.2 s for a list of 508,615 tickets). The total counts at
 * most {@value #COUNTED} rows (or the page's end, if further); beyond that it is a lower bound and
 * {@link Ids#exact()} is false: the list says "10,000+", as a desk's agent needs no more to know the list is long.
 *
 * <p>A search by relevance (the default with search words) ranks at most {@value #CANDIDATES} tickets that match by
 * their own text and as many that match by their conversation (or the requested page's end, if further), each taken
 * in the caller's scope and filters, as the knowledge base does: words as common as "Drucker" at a desk with 30,000
 * printer tickets matched 55,000 tickets and articles at 1.1 million tickets, and reading, joining and ranking every
 * one took 0.6–0.9 s for a page of 50; an agent of small queues read 25,000 matches to find 1,000 of his. Up to that
 * many the answer is exact; beyond it the page ranks the first candidates the index yields and the total is a lower
 * bound ("more than 250: add a word"). The ticket side reads the text index alone, and for an open-only search the
 * open tickets' own (postgresql/V92), before scope and filters: a few open matches among a million closed ones cost
 * a tenth of a millisecond there instead of reading every closed match.
 *
 * <p>Other orders (newest first, due) give the exact page: the first rows in that order of the ticket side and of
 * the conversation side, each planned on its own (walking an index in that order while matches are common,
 * collecting and sorting the matches when they are rare), then merged; "Outlook" newest first joined and sorted all
 * 55,000 matches before (0.8–1.0 s). Their total is the search's: exact up to {@value #CANDIDATES} per side, beyond
 * that a lower bound. Newest first looks in the last week, month and year first ({@link #RECENT}), where the text
 * index ANDed with a range of the creation index finds the page without reading every newer ticket that does not
 * match (0.56 s for "Outlook" at 100,000 open tickets that do not say it).
 */
@Component
public class TicketSearch {

    /** Sort keys of the public API and their columns. */
    private static final Map<String, String> SORTS = Map.of("number", "t.number", "createdAt", "t.created_at",
            "updatedAt", "t.updated_at", "priority", "t.priority", "status", "t.status", "subject", "t.subject",
            "requester", "t.requester", "due", "t.resolution_due", "queue", "t.queue", "category", "t.category");
    static final List<String> SORTABLE;
    /** Sort keys whose column may be null (the others are NOT NULL in the schema). */
    private static final java.util.Set<String> NULLABLE_SORTS = java.util.Set.of("due");

    static {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(SORTS.keySet());
        keys.add("relevance");
        SORTABLE = List.copyOf(keys);
    }

    /** How many matching tickets a total counts at most. */
    static final int COUNTED = 10_000;
    /** How many ticket matches and how many conversation matches a search by relevance ranks at most. */
    static final int CANDIDATES = 250;
    /**
     * The windows a search newest first tries before all tickets: the last week, month, year (see
     * {@link #findRecent}).
     */
    static final List<java.time.Duration> RECENT = List.of(java.time.Duration.ofDays(7),
            java.time.Duration.ofDays(31), java.time.Duration.ofDays(366));

    private final NamedParameterJdbcTemplate jdbc;
    private final boolean postgres;
    private final TicketConditions conditions;
    private final CustomPlans customPlans;

    TicketSearch(NamedParameterJdbcTemplate jdbc, DataSource dataSource, CustomPlans customPlans) throws SQLException {
        this.jdbc = jdbc;
        this.customPlans = customPlans;
        try (Connection connection = dataSource.getConnection()) {
            this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgres");
        }
        this.conditions = new TicketConditions(jdbc, postgres);
    }

    /** One page of matching ticket ids in order, and how many match in all (a lower bound unless {@code exact}). */
    public record Ids(List<Long> ids, long total, boolean exact) {
    }

    /**
     * The statement of one search: its page query, the count for a page past the end, and their parameters;
     * {@code fromWhere} is the FROM and WHERE part the others share.
     */
    record Statement(String page, String count, MapSqlParameterSource params, String fromWhere, boolean capped,
                     String recent, Instant now) {

        Statement(String page, String count, MapSqlParameterSource params, String fromWhere, boolean capped) {
            this(page, count, params, fromWhere, capped, null, null);
        }

        /** The same statement matching any of the search words instead of all; null when that finds no more. */
        Statement widened() {
            if (!params.hasValue("tsqAny") || params.getValue("tsqAny").equals(params.getValue("tsq"))) {
                return null;
            }
            MapSqlParameterSource any = new MapSqlParameterSource(params.getValues());
            any.addValue("tsq", params.getValue("tsqAny"));
            return new Statement(page, count, any, fromWhere, capped, recent, now);
        }
    }

    Ids find(CurrentUser user, TicketFilter filter, String sort, int offset, int limit, Instant now) {
        customPlans.forThisTransaction(); // the words, scope and filters are parameters: see CustomPlans
        Statement statement = statement(user, filter, sort, offset, limit, now);
        Ids every = find(statement, offset);
        Statement widened = every.total() == 0 ? statement.widened() : null;
        return widened == null ? every : find(widened, offset);
    }

    private Ids find(Statement statement, int offset) {
        if (statement.recent() != null) {
            Ids recent = findRecent(statement, offset);
            if (recent != null) {
                return recent;
            }
        }
        if (statement.capped()) {
            return findCapped(statement, offset);
        }
        List<Long> ids = jdbc.queryForList(statement.page(), statement.params(), Long.class);
        long total;
        if (ids.size() < (Integer) statement.params().getValue("limit") && (offset == 0 || !ids.isEmpty())) {
            total = offset + ids.size(); // the last page: no need to count
        } else {
            Long counted = jdbc.queryForObject(statement.count(), statement.params(), Long.class);
            total = counted == null ? 0 : counted;
        }
        int cap = (Integer) statement.params().getValue("counted") - 1;
        return total > cap ? new Ids(ids, cap, false) : new Ids(ids, total, true);
    }

    /**
     * A search newest first, in the tickets opened within the last {@link #RECENT} days, each window tried while
     * it does not fill the page: the page of the newest matches when one does, null when none does. The tickets of
     * a window are all newer than those outside it, so a full page from a window is the page of the whole search.
     */
    private Ids findRecent(Statement statement, int offset) {
        int limit = (Integer) statement.params().getValue("limit");
        for (java.time.Duration days : RECENT) {
            MapSqlParameterSource params = new MapSqlParameterSource(statement.params().getValues())
                    .addValue("since", java.sql.Timestamp.from(statement.now().minus(days)));
            List<Long> ids = jdbc.queryForList(statement.recent(), params, Long.class);
            if (ids.size() == limit) {
                // the facts are of the candidates; the page proves at least its end matches
                return counted(ids, facts(statement), statement, offset + limit);
            }
        }
        return null;
    }

    /** A search by relevance: the page, and from the same candidates their number and how many each side found. */
    private Ids findCapped(Statement statement, int offset) {
        long[] facts = new long[3];
        List<Long> ids = jdbc.query(statement.page(), statement.params(), (rs, n) -> {
            facts[0] = rs.getLong(2);
            facts[1] = rs.getLong(3);
            facts[2] = rs.getLong(4);
            return rs.getLong(1);
        });
        return counted(ids, ids.isEmpty() && offset > 0 ? facts(statement) : facts, statement, 0);
    }

    /** The candidates' facts of a capped search: how many distinct, how many by the ticket side, by the conversation. */
    private long[] facts(Statement statement) {
        long[] facts = new long[3];
        jdbc.query(statement.count(), statement.params(), rs -> {
            facts[0] = rs.getLong(1);
            facts[1] = rs.getLong(2);
            facts[2] = rs.getLong(3);
        });
        return facts;
    }

    /**
     * A page of a capped search with its total: exact when neither side found more than the candidates, else a lower
     * bound; at least {@code atLeast} (the matches the page itself proves).
     */
    private static Ids counted(List<Long> ids, long[] facts, Statement statement, long atLeast) {
        int candidates = (Integer) statement.params().getValue("candidates");
        long total = Math.max(facts[0], atLeast);
        boolean exact = facts[1] <= candidates && facts[2] <= candidates;
        return exact ? new Ids(ids, total, true) : new Ids(ids, Math.max(candidates, total - 1), false);
    }

    /** The SQL of a search in the caller's scope (benchmarks EXPLAIN it). */
    Statement statement(CurrentUser user, TicketFilter filter, String sort, int offset, int limit, Instant now) {
        boolean words = filter.q() != null && postgres && !TicketConditions.NUMBER.matcher(filter.q()).matches();
        TicketConditions.Conditions c = conditions.of(user, filter, now, !words);
        if (words && (c.tsquery() == null || c.tsquery().isEmpty())) {
            // words without a stem (punctuation only) match by number alone
            words = false;
            c = conditions.of(user, filter, now, true);
        }
        boolean relevance = words && (sort == null || sort.isBlank() || "relevance".equals(sort.strip()));
        Order order = order(relevance ? "relevance" : sort, c.numberOnly() ? null : c.tsquery());
        c.params().addValue("offset", offset).addValue("limit", limit);
        if (!words) {
            c.params().addValue("counted", Math.max(COUNTED, offset + limit) + 1);
            return new Statement("SELECT t.id" + c.from() + c.where() + " ORDER BY " + order.sql()
                    + " LIMIT :limit OFFSET :offset",
                    "SELECT count(*) FROM (SELECT 1" + c.from() + c.where() + " LIMIT :counted) counted", c.params(),
                    c.from() + c.where(), false);
        }
        // the candidates of each side, in scope and filtered, and from them the total (see the class comment)
        c.params().addValue("candidates", Math.max(CANDIDATES, offset + limit))
                .addValue("branch", Math.max(CANDIDATES, offset + limit) + 1)
                .addValue("end", offset + limit);
        // The ticket side reads the text index alone (and the open tickets' one for "open"), its matches then
        // checked against scope and filters: given the scope's conditions too, the planner ANDed the text index
        // with the half a million entries of bob's queues in another index (83 ms for one open match).
        String ticketText = fenced(c, "t.search_vector @@ to_tsquery('simple', :tsq)");
        String conversation = " FROM article a JOIN ticket t ON t.id = a.ticket_id" + c.where()
                + " AND a.search_vector @@ to_tsquery('simple', :tsq)"
                + (user.isAgent() ? "" : " AND a.visibility = 'PUBLIC'");
        String byNumber = c.from() + c.where() + " AND upper(t.number) = :qNumber";
        String hits = "WITH hits AS MATERIALIZED ((SELECT t.id, 1 AS side" + ticketText + " LIMIT :branch)"
                + " UNION ALL (SELECT t.id, 2" + conversation + " LIMIT :branch)"
                + " UNION ALL (SELECT t.id, 3" + byNumber + ")) ";
        String facts = "(SELECT count(DISTINCT id) FROM hits), (SELECT count(*) FROM hits WHERE side = 1),"
                + " (SELECT count(*) FROM hits WHERE side = 2)";
        if (relevance) {
            return new Statement(hits + "SELECT t.id, " + facts + " FROM ticket t WHERE t.id IN (SELECT id FROM hits)"
                    + " ORDER BY " + order.sql() + " LIMIT :limit OFFSET :offset", hits + "SELECT " + facts,
                    c.params(), c.from() + c.where(), true);
        }
        // Another order is exact: the first rows in that order of each side, merged. Each side is a statement of
        // its own so the planner picks per side between walking an index in that order until enough rows match
        // (common words: "Outlook" newest first) and collecting the side's few matches to sort them (rare words).
        String conversationSide = c.from() + c.where() + " AND t.id IN (SELECT a.ticket_id FROM article a"
                + " WHERE a.search_vector @@ to_tsquery('simple', :tsq)"
                + (user.isAgent() ? "" : " AND a.visibility = 'PUBLIC'") + ")";
        String key = "SELECT t.id, " + order.column() + " AS sort_key";
        String side = " ORDER BY " + order.sql() + " LIMIT :end)";
        String ticketSide = c.from() + c.where()
                + " AND (t.search_vector @@ to_tsquery('simple', :tsq) OR upper(t.number) = :qNumber)";
        String merged = ") m ORDER BY " + order.merged() + " LIMIT :limit OFFSET :offset";
        // Newest first also within recent windows (findRecent): walking the creation index back reads every newer
        // ticket that does not match (the words of last year's tickets past this month's 100,000), where the text
        // index ANDed with the window's range of the creation index reads only the window's matches (collected
        // before scope and sort, as for relevance: given the order, the planner walked the creation index through
        // the window's 100,000 tickets, 114 ms against 40 ms for "Outlook" by psql). An article
        // is never older than its ticket, so the conversation side looks only at the window's articles
        // (ix_article_created).
        String recent = "t.created_at".equals(order.column()) && order.merged().startsWith("sort_key DESC")
                ? "SELECT m.id FROM ((" + key + fenced(c, "(t.search_vector @@ to_tsquery('simple', :tsq)"
                + " OR upper(t.number) = :qNumber) AND t.created_at >= :since") + side + " UNION (" + key
                + c.from() + c.where() + " AND t.created_at >= :since AND t.id IN (SELECT a.ticket_id FROM article a"
                + " WHERE a.search_vector @@ to_tsquery('simple', :tsq) AND a.created_at >= :since"
                + (user.isAgent() ? "" : " AND a.visibility = 'PUBLIC'") + ")" + side + merged
                : null;
        return new Statement(hits + "SELECT m.id, " + facts + " FROM ((" + key + ticketSide + side
                + " UNION (" + key + conversationSide + side + merged, hits + "SELECT " + facts, c.params(),
                c.from() + c.where(), true, recent, now);
    }

    /**
     * FROM and WHERE of the tickets that {@code match}, found by that condition (and the state's) alone, scope and
     * filters checked on what it found: given them in the same scan, the planner combined the text index with the
     * scope's indexes or walked an index in order (see {@link #statement}).
     */
    private static String fenced(TicketConditions.Conditions c, String match) {
        return " FROM (SELECT * FROM ticket t WHERE " + match + (c.state().isEmpty() ? "" : " AND " + c.state())
                + " OFFSET 0) t" + c.where();
    }

    /** Since when a ticket has been as a scheduled condition measures it: its status, its last change, its opening. */
    public enum Since {
        /** The instant the ticket entered its current status (its last {@code STATUS_CHANGED} event). */
        STATUS("coalesce((SELECT max(a.at) FROM audit_event a WHERE a.ticket_id = t.id"
                + " AND a.type = 'STATUS_CHANGED'), t.created_at)"),
        UPDATED("t.updated_at"),
        CREATED("t.created_at");

        private final String sql;

        Since(String sql) {
            this.sql = sql;
        }
    }

    /** A ticket that matches a condition, and the instant its condition's clock started. */
    public record Waiting(long id, Instant since) {
    }

    /**
     * Tickets of every scope (the scheduler acts, not a user) that match {@code filter} and have been so, as
     * {@code since} measures it, from before {@code before}: in id order after {@code afterId}, at most
     * {@code limit}. The candidates of a scheduled action; the same filters as every list, in the same statement.
     */
    public List<Waiting> waitingSince(TicketFilter filter, Since since, Instant before, long afterId, int limit,
                                      Instant now) {
        TicketConditions.Conditions c = conditions.of(SYSTEM, filter, now, true);
        c.params().addValue("before", java.sql.Timestamp.from(before)).addValue("afterId", afterId)
                .addValue("limit", limit);
        return jdbc.query("SELECT t.id, " + since.sql + " AS since" + c.from() + c.where() + " AND " + since.sql
                + " < :before AND t.id > :afterId ORDER BY t.id LIMIT :limit", c.params(),
                (rs, n) -> new Waiting(rs.getLong(1), rs.getTimestamp(2).toInstant()));
    }

    private static final CurrentUser SYSTEM = new CurrentUser("scheduler", "Flowdesk scheduler", null, List.of(),
            java.util.Set.of(dev.flowdesk.security.Role.ADMIN), null);

    /** How many tickets in the caller's scope match (for view counters), up to {@link #COUNTED}. */
    Ids count(CurrentUser user, TicketFilter filter, Instant now) {
        return find(user, filter, "-createdAt", 0, 1, now);
    }

    /**
     * An order: {@code sql} over {@code t}; for merging the sides of a search, the one column it sorts by
     * ({@code column}, selected as {@code sort_key}) and the same order over {@code sort_key} and {@code id}
     * ({@code merged}; null for relevance, which is not merged).
     */
    private record Order(String sql, String column, String merged) {
    }

    private static Order order(String sort, String tsquery) {
        if (sort == null || sort.isBlank()) {
            sort = tsquery != null ? "relevance" : "-createdAt";
        }
        boolean desc = sort.startsWith("-");
        String key = desc ? sort.substring(1) : sort;
        if ("relevance".equals(key)) {
            if (tsquery == null) {
                // H2 or no search words: the most recently updated first
                return new Order("t.updated_at DESC, t.id DESC", null, null);
            }
            // words without a stem (punctuation only) match by number alone: nothing to rank
            String rank = tsquery.isEmpty() ? "" : "ts_rank(t.search_vector, to_tsquery('simple', :tsqAny)) DESC, ";
            return new Order("CASE WHEN upper(t.number) = :qNumber THEN 0 ELSE 1 END, " + rank
                    + "t.updated_at DESC, t.id DESC", null, null);
        }
        String column = SORTS.get(key);
        if (column == null) {
            throw DomainException.invalid("sort", "must be one of " + String.join(", ", SORTABLE)
                    + " (prefix - for descending)");
        }
        // NULLS LAST only where a column can be null: on a NOT NULL column it keeps the planner from reading an
        // index in order (newest first over a million tickets: a sort of every row in scope instead of 50 entries)
        String direction = (desc ? " DESC" : " ASC") + (NULLABLE_SORTS.contains(key) ? " NULLS LAST" : "");
        String id = desc ? " DESC" : "";
        return new Order(column + direction + ", t.id" + id, column, "sort_key" + direction + ", id" + id);
    }
}
