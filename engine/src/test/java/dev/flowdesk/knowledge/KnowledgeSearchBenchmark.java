package dev.flowdesk.knowledge;

import dev.flowdesk.EmbeddedPostgres;
import dev.flowdesk.FlowdeskApplication;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Not a test: knowledge base search on PostgreSQL at volume (issue 10: p95 ≤ 100 ms over 100,000 articles). Loads N
 * articles by SQL (German and English, realistic vocabulary, 80% published public), then times the search a
 * requester and an agent run ({@link KnowledgeBase#search}: stemming, prefix terms, ranking, scope, page of 20) next
 * to the baseline of the same run: the bare ranked tsquery on the same index (what PostgreSQL itself needs).
 * <pre>
 * mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.flowdesk.knowledge.KnowledgeSearchBenchmark -Dexec.args="ARTICLES QUERIES"
 * </pre>
 */
public final class KnowledgeSearchBenchmark {

    private static final String[] DE = {"Drucker", "druckt", "nicht", "Druckerproblemen", "Warteschlange", "Treiber",
            "Passwort", "abgelaufen", "zurücksetzen", "Netzwerk", "Verbindung", "bricht", "ab", "Bildschirm",
            "flackert", "Laptop", "Akku", "lädt", "Outlook", "startet", "Postfach", "voll", "Zugang", "Freigabe",
            "Ordner", "Rechte", "Telefon", "Headset", "Teams", "Besprechung", "Kamera", "Mikrofon", "Software",
            "Installation", "Lizenz", "Update", "fehlgeschlagen", "Server", "langsam", "Anmeldung", "Konto",
            "gesperrt", "Scanner", "scannt", "Dokumente", "Rechnung", "Buchhaltung", "Urlaubsantrag", "Formular"};
    private static final String[] EN = {"printer", "printing", "not", "queue", "driver", "password", "expired",
            "reset", "network", "connection", "drops", "screen", "flickers", "laptop", "battery", "charging",
            "Outlook", "starts", "mailbox", "full", "access", "share", "folder", "permissions", "phone", "headset",
            "Teams", "meeting", "camera", "microphone", "software", "installation", "licence", "update", "failed",
            "server", "slow", "login", "account", "locked", "scanner", "scanning", "documents", "invoice",
            "accounting", "vacation", "request", "form"};
    private static final String[] QUERIES_DE = {"Drucker druckt nicht", "Passwort zurücksetzen", "Netzwerk langsam",
            "Konto gesperrt", "Outlook startet nicht", "Bildschirm flackert", "Lizenz Update fehlgeschlagen"};
    private static final String[] QUERIES_EN = {"printer not printing", "reset password", "network slow",
            "account locked", "Outlook does not start", "screen flickers", "licence update failed"};

    private KnowledgeSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        // PostgreSQL as docs/operations.md sizes it: shared_buffers a quarter of the RAM (default 128 MB left a
        // million tickets to the OS cache, a system call per block)
        System.setProperty("flowdesk.pg.shared-buffers", System.getProperty("flowdesk.pg.shared-buffers",
                Math.max(128, ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getTotalMemorySize() / 4 / 1024 / 1024) + "MB"));
        String url = EmbeddedPostgres.newDatabase();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(FlowdeskApplication.class)
                .run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres", "--flowdesk.demo.enabled=true", "--server.port=0",
                        "--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long loadStart = System.nanoTime();
            jdbc.execute("DROP INDEX ix_kb_article_search"); // a bulk load builds the GIN index once, afterwards
            load(jdbc, articles);
            jdbc.execute("CREATE INDEX ix_kb_article_search ON kb_article USING gin (search_vector)");
            jdbc.execute("ANALYZE kb_article");
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            KnowledgeBase kb = app.getBean(KnowledgeBase.class);
            CurrentUser alice = new CurrentUser("alice", "Alice", "alice@example.com", List.of(), Set.of(Role.USER),
                    null);
            CurrentUser bob = new CurrentUser("bob", "Bob", "bob@example.com", List.of("service-desk"),
                    Set.of(Role.USER, Role.AGENT), null);
            List<String> all = new ArrayList<>(Arrays.asList(QUERIES_DE));
            all.addAll(Arrays.asList(QUERIES_EN));

            // warm-up, then measured runs
            for (int i = 0; i < 50; i++) {
                kb.search(all.get(i % all.size()), null, null, 0, 20, alice);
            }
            long[] requester = time(queries, i -> kb.search(all.get(i % all.size()), null, null, 0, 20, alice));
            long[] agent = time(queries, i -> kb.search(all.get(i % all.size()), null, null, 0, 20, bob));
            // the statement alone (ids, rank and total), without loading the page's 20 articles
            ArticleSearch sql = app.getBean(ArticleSearch.class);
            ArticleSearch.Scope requesterScope = new ArticleSearch.Scope(Set.of("PUBLISHED"), Set.of("PUBLIC"), null,
                    "1 = 1", java.util.Map.of());
            long[] statement = time(queries, i -> sql.search(all.get(i % all.size()), requesterScope, 0, 20));
            // the baseline runs the same prefix-OR tsquery the search builds, prepared once per query text
            List<String> tsqueries = new ArrayList<>();
            for (String q : all) {
                tsqueries.add(String.join(" | ", jdbc.queryForList("SELECT DISTINCT lexeme || ':*' FROM ("
                        + "SELECT lexeme FROM unnest(to_tsvector('german', ?)) UNION SELECT lexeme FROM"
                        + " unnest(to_tsvector('english', ?))) l WHERE length(lexeme) >= 3", String.class, q, q)));
            }
            long[] bare = time(queries, i -> jdbc.queryForList("SELECT id FROM kb_article WHERE search_vector @@"
                    + " to_tsquery('simple', ?) ORDER BY ts_rank(search_vector, to_tsquery('simple', ?)) DESC LIMIT 20",
                    Long.class, tsqueries.get(i % all.size()), tsqueries.get(i % all.size())));
            long hits = kb.search("Drucker druckt nicht", null, null, 0, 20, alice).total();

            System.out.printf("%nKnowledge base search on PostgreSQL, %,d articles (loaded by SQL in %.1f s), %d queries"
                    + " each, page of 20, one thread%n", articles, loadSeconds, queries);
            System.out.printf("%-52s %8s %8s %8s%n", "", "p50 ms", "p95 ms", "p99 ms");
            row("requester search (published public, stems as prefixes)", requester);
            row("agent search (all but archived)", agent);
            row("requester search, the SQL statement alone", statement);
            row("baseline: any-word tsquery + ts_rank, full vector", bare);
            System.out.printf("p95 requester / baseline: %.2f; 'Drucker druckt nicht' finds %,d articles%n",
                    pct(requester, 95) / Math.max(0.001, pct(bare, 95)), hits);
            // per query: how many articles its words match (all / any) and its statement's median and worst time,
            // which tells whether the tail comes from a few broad queries or from every one
            org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate named =
                    app.getBean(org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate.class);
            System.out.printf("%n%-30s %8s %8s %8s %8s%n", "query (requester statement)", "all", "any", "p50 ms",
                    "max ms");
            for (String q : all) {
                dev.flowdesk.text.TextQuery.Query t = dev.flowdesk.text.TextQuery.tsquery(named, q);
                Long allCount = jdbc.queryForObject("SELECT count(*) FROM kb_article WHERE search_vector @@"
                        + " to_tsquery('simple', ?)", Long.class, t.all());
                Long anyCount = jdbc.queryForObject("SELECT count(*) FROM kb_article WHERE search_vector @@"
                        + " to_tsquery('simple', ?)", Long.class, t.any());
                long[] one = time(21, i -> sql.search(q, requesterScope, 0, 20));
                System.out.printf("%-30s %,8d %,8d %8.1f %8.1f%n", q, allCount, anyCount, pct(one, 50), pct(one, 100));
            }
            dev.flowdesk.text.TextQuery.Query drucker = dev.flowdesk.text.TextQuery.tsquery(
                    app.getBean(org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate.class), all.get(0));
            System.out.println("\nEXPLAIN (ANALYZE, BUFFERS) of the requester's statement for '" + all.get(0) + "' (match "
                    + drucker.all() + ", rank " + drucker.any() + "):");
            jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) WITH m AS MATERIALIZED (SELECT a.id, a.rank_vector,"
                    + " a.updated_at FROM kb_article a WHERE a.search_vector @@ to_tsquery('simple', ?)"
                    + " AND a.status IN ('PUBLISHED') AND a.visibility IN ('PUBLIC') AND 1 = 1 LIMIT "
                    + (PostgresArticleSearch.CANDIDATES + 1) + ") SELECT m.id, ts_rank(m.rank_vector,"
                    + " to_tsquery('simple', ?)) AS score, (SELECT count(*) FROM m) AS total FROM m"
                    + " ORDER BY score DESC, m.updated_at DESC, m.id OFFSET 0 LIMIT 20", String.class, drucker.all(),
                    drucker.any())
                    .forEach(line -> System.out.println("  " + line));
        }
    }

    /**
     * Articles like a real knowledge base's: a large vocabulary (20,000 made-up words stand for the long tail) and a
     * few topic words each, so a query's words appear in a few percent of the articles, not in all of them.
     */
    private static void load(JdbcTemplate jdbc, int articles) {
        Random random = new Random(42);
        String[] filler = new String[20_000];
        String[] syllables = {"ka", "ve", "lo", "mi", "tur", "sen", "dra", "pol", "fi", "ber", "gen", "ta", "rox",
                "lin", "mu", "ster", "qua", "ne", "wik", "zo"};
        for (int i = 0; i < filler.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int n = i, parts = 0; parts < 4; parts++, n /= syllables.length) {
                word.append(syllables[n % syllables.length]);
            }
            filler[i] = word.toString();
        }
        Timestamp now = Timestamp.from(Instant.now());
        int batch = 2_000;
        for (int start = 0; start < articles; start += batch) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = start; i < Math.min(articles, start + batch); i++) {
                boolean german = random.nextBoolean();
                String[] words = german ? DE : EN;
                String topic = sentence(random, words, 2 + random.nextInt(2));
                String title = topic + " " + sentence(random, filler, 2 + random.nextInt(3));
                String body = sentence(random, filler, 60 + random.nextInt(120)) + " " + topic + " "
                        + sentence(random, filler, 20 + random.nextInt(40));
                String status = random.nextInt(10) < 8 ? "PUBLISHED" : "DRAFT";
                String visibility = random.nextInt(10) < 8 ? "PUBLIC" : "INTERNAL";
                rows.add(new Object[] {i + 1_000_000L, status, visibility, german ? "de" : "en", title,
                        "<p>" + body + "</p>", body, now, now});
            }
            jdbc.batchUpdate("INSERT INTO kb_article (id, version, status, visibility, language, title, body_html,"
                    + " body_text, created_by, created_at, updated_by, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?,"
                    + " 'bench', ?, 'bench', ?)", rows);
        }
    }

    private static String sentence(Random random, String[] words, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private static long[] time(int n, java.util.function.IntConsumer run) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            run.accept(i);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static void row(String label, long[] sorted) {
        System.out.printf("%-52s %8.1f %8.1f %8.1f%n", label, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99));
    }
}
