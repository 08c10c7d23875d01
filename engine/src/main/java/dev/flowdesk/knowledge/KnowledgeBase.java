package dev.flowdesk.knowledge;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.form.FormSubmissions;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.text.HtmlSanitizer;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import dev.flowdesk.web.PageResponse;
import dev.flowdesk.organisation.TenantScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The knowledge base: agents write and edit articles (every edit keeps the version before it), editors (designers,
 * admins, group {@value #EDITORS}) publish and archive; requesters find published public articles only. An agent
 * turns a resolved ticket into a draft in one action; a requester who finds the answer while reporting records a
 * deflection instead of a ticket. An article may belong to one tenant (issue 13 part 5): only that tenant's users
 * and the desk's own staff find it ({@link TenantScope}); another tenant's article answers 404.
 */
@Service
public class KnowledgeBase {

    /** Members of this group publish articles besides designers and admins. */
    public static final String EDITORS = "kb-editors";
    static final Set<String> LANGUAGES = Set.of("de", "en");
    private static final int MAX_TITLE = 300;
    private static final int MAX_BODY = 200_000;

    private final KbArticleRepository articles;
    private final ArticleSearch search;
    private final TicketQueries tickets;
    private final FormSubmissions forms;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    KnowledgeBase(KbArticleRepository articles, ArticleSearch search, TicketQueries tickets, FormSubmissions forms,
                  JdbcTemplate jdbc, Clock clock) {
        this.articles = articles;
        this.search = search;
        this.tickets = tickets;
        this.forms = forms;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a client sends to create or edit an article; {@code version} on edits: the version it edited. */
    public record ArticleInput(String title, String body, String language, String visibility, String category,
                               List<String> tags, String status, Integer version, String tenant) {
    }

    /** An article as the API shows it. */
    public record ArticleView(long id, int version, String title, String body, String bodyText, String status,
                              String visibility, String language, String category, List<String> tags,
                              Long sourceTicketId, String createdBy, Instant createdAt, String updatedBy,
                              Instant updatedAt, Instant publishedAt, String tenant) {
    }

    /** A search hit or list row. */
    public record ArticleSummary(long id, String title, String excerpt, String visibility, String status,
                                 String language, String category, double score) {
    }

    @Transactional
    public ArticleView create(ArticleInput input, CurrentUser user) {
        requireWriter(user);
        KbArticle article = new KbArticle(content(input, null), null, tenantFor(input.tenant(), user), user.id(),
                clock.instant());
        return view(articles.save(article));
    }

    /** A new version of the article; a stale {@code version} is a 409 (someone else edited it meanwhile). */
    @Transactional
    public ArticleView update(long id, ArticleInput input, CurrentUser user) {
        requireWriter(user);
        KbArticle article = visible(id, user);
        if (input.tenant() != null && !input.tenant().equals(article.getTenant())) {
            throw DomainException.invalid("tenant", "cannot change: it is set when the article is created");
        }
        if (input.version() == null) {
            throw DomainException.invalid("version", "is required: the version you edited");
        }
        if (input.version() != article.getVersion()) {
            throw DomainException.conflict("The article has changed since you opened it (now version "
                    + article.getVersion() + "); reload and edit again.");
        }
        KbArticle.Content content = content(input, article);
        KbArticle.Status status = article.getStatus();
        if (input.status() != null) {
            status = status(input.status());
            if (status == KbArticle.Status.PUBLISHED && article.getStatus() != KbArticle.Status.PUBLISHED) {
                throw DomainException.invalid("status", "articles are published with POST /api/kb/articles/{id}/publish");
            }
            if (status == KbArticle.Status.ARCHIVED && !isEditor(user)) {
                throw DomainException.refused("Only editors archive articles.");
            }
        }
        jdbc.update("INSERT INTO kb_article_version (article_id, version, title, body_html, status, edited_by, edited_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", article.getId(), article.getVersion(), article.getTitle(),
                article.getBodyHtml(), article.getStatus().name(), article.getUpdatedBy(),
                Timestamp.from(article.getUpdatedAt()));
        Instant now = clock.instant();
        article.apply(content, user.id(), now);
        article.nextVersion();
        if (status != article.getStatus()) {
            article.changeStatus(status, user.id(), now);
        }
        return view(articles.saveAndFlush(article));
    }

    @Transactional
    public ArticleView publish(long id, CurrentUser user) {
        if (!isEditor(user)) {
            throw DomainException.refused("Only editors (designers, admins, group " + EDITORS + ") publish articles.");
        }
        KbArticle article = visible(id, user);
        if (article.getStatus() == KbArticle.Status.PUBLISHED) {
            throw DomainException.conflict("The article is published already.");
        }
        article.changeStatus(KbArticle.Status.PUBLISHED, user.id(), clock.instant());
        return view(article);
    }

    @Transactional(readOnly = true)
    public ArticleView get(long id, CurrentUser user) {
        KbArticle article = articles.findById(id).filter(a -> visibleTo(a, user))
                .orElseThrow(() -> DomainException.notFound("No such article"));
        return view(article);
    }

    /** The article if its tenant is one the user may see, else 404 (whether it exists or not). */
    private KbArticle visible(long id, CurrentUser user) {
        return articles.findById(id).filter(a -> TenantScope.admits(user, a.getTenant()))
                .orElseThrow(() -> DomainException.notFound("No such article"));
    }

    /**
     * The tenant of a new article: a user bound to a tenant writes for it (naming another is refused); the desk's
     * staff may name any tenant or none (shared).
     */
    private static String tenantFor(String requested, CurrentUser user) {
        String tenant = requested == null || requested.isBlank() ? null : requested.strip();
        if (user.tenant() == null) {
            if (tenant != null && tenant.length() > 64) {
                throw DomainException.invalid("tenant", "must be at most 64 characters");
            }
            return tenant;
        }
        if (tenant != null && !tenant.equals(user.tenant())) {
            throw DomainException.invalid("tenant", "must be your own tenant");
        }
        return user.tenant();
    }

    /** Earlier versions of an article (agents): version, title, status, who and when. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> versions(long id, CurrentUser user) {
        requireWriter(user);
        visible(id, user);
        return jdbc.queryForList("SELECT version, title, status, edited_by AS \"editedBy\", edited_at AS \"editedAt\""
                + " FROM kb_article_version WHERE article_id = ? ORDER BY version DESC", id);
    }

    /**
     * Articles matching {@code q} (ranked) or, without a query, the newest; requesters see published public
     * articles only, agents everything but archived unless they ask for a status.
     */
    @Transactional(readOnly = true)
    public PageResponse<ArticleSummary> search(String q, String language, String status, int page, int size,
                                               CurrentUser user) {
        PageResponse.check(page, size);
        if (language != null && !LANGUAGES.contains(language)) {
            throw DomainException.invalid("lang", "must be de or en");
        }
        Set<String> statuses;
        Set<String> visibilities;
        if (user.isAgent() || isEditor(user)) {
            statuses = status == null ? names(EnumSet.complementOf(EnumSet.of(KbArticle.Status.ARCHIVED)))
                    : Set.of(status(status).name());
            visibilities = names(EnumSet.allOf(KbArticle.Visibility.class));
        } else {
            statuses = Set.of(KbArticle.Status.PUBLISHED.name());
            visibilities = Set.of(KbArticle.Visibility.PUBLIC.name());
        }
        Map<String, Object> tenantParams = new HashMap<>();
        String tenantSql = TenantScope.sql(user, "tenant", tenantParams);
        ArticleSearch.Scope scope = new ArticleSearch.Scope(statuses, visibilities, language, tenantSql, tenantParams);
        if (q == null || q.isBlank()) {
            return newest(scope, page, size);
        }
        if (q.length() > 500) {
            throw DomainException.invalid("q", "must be at most 500 characters");
        }
        ArticleSearch.Result result = search.search(q, scope, page * size, size);
        Map<Long, Object[]> found = new HashMap<>();
        if (!result.hits().isEmpty()) {
            articles.summaryRows(result.hits().stream().map(ArticleSearch.Hit::id).toList())
                    .forEach(row -> found.put((Long) row[0], row));
        }
        List<ArticleSummary> items = new ArrayList<>();
        for (ArticleSearch.Hit hit : result.hits()) {
            Object[] row = found.get(hit.id());
            if (row != null) {
                items.add(new ArticleSummary(hit.id(), (String) row[1], excerpt((String) row[2]),
                        ((KbArticle.Visibility) row[3]).name(), ((KbArticle.Status) row[4]).name(), (String) row[5],
                        (String) row[6], hit.score()));
            }
        }
        return new PageResponse<>(items, page, size, result.total(), result.exact() ? null : Boolean.FALSE);
    }

    /** Published articles an agent might send as the answer to a ticket, matched on its subject and description. */
    @Transactional(readOnly = true)
    public List<ArticleSummary> suggestionsFor(long ticketId, CurrentUser user) {
        requireWriter(user);
        TicketDetail ticket = tickets.get(ticketId, user);
        String text = (ticket.subject() + " " + (ticket.description() == null ? "" : ticket.description()));
        text = text.length() > 500 ? text.substring(0, 500) : text;
        return search(text, null, KbArticle.Status.PUBLISHED.name(), 0, 5, user).items();
    }

    /** A draft (internal) article from a resolved ticket: its subject, what was reported, and the resolution. */
    @Transactional
    public ArticleView draftFromTicket(long ticketId, String language, CurrentUser user) {
        requireWriter(user);
        TicketDetail ticket = tickets.get(ticketId, user);
        if (ticket.resolution() == null || ticket.resolution().isBlank()) {
            throw DomainException.conflict("The ticket has no resolution yet; draft an article once it is resolved.");
        }
        String lang = language == null ? "en" : language;
        boolean german = "de".equals(lang);
        String body = "<h2>" + (german ? "Problem" : "Problem") + "</h2><p>"
                + HtmlUtils.htmlEscape(ticket.description() == null ? ticket.subject() : ticket.description())
                + "</p><h2>" + (german ? "Lösung" : "Solution") + "</h2><p>" + HtmlUtils.htmlEscape(ticket.resolution())
                + "</p>";
        ArticleInput input = new ArticleInput(ticket.subject(), body, lang, KbArticle.Visibility.INTERNAL.name(),
                ticket.category(), List.of(), null, null, null);
        // the draft quotes the ticket, so it belongs to the ticket's tenant
        KbArticle article = new KbArticle(content(input, null), ticketId, ticket.tenant(), user.id(), clock.instant());
        return view(articles.save(article));
    }

    /** "This solved it": the requester needs no ticket; a deflection of {@code form} is recorded. */
    @Transactional
    public void solved(long articleId, String form, CurrentUser user) {
        KbArticle article = articles.findById(articleId).filter(a -> visibleTo(a, user))
                .orElseThrow(() -> DomainException.notFound("No such article"));
        if (form == null || form.isBlank()) {
            throw DomainException.invalid("form", "is required: the form the requester was filling in");
        }
        forms.recordDeflection(form, article.getId(), user);
    }

    private PageResponse<ArticleSummary> newest(ArticleSearch.Scope scope, int page, int size) {
        Map<String, Object> params = new HashMap<>(scope.tenantParams());
        params.put("statuses", scope.statuses());
        params.put("visibilities", scope.visibilities());
        StringBuilder where = new StringBuilder(" FROM kb_article WHERE status IN (:statuses)"
                + " AND visibility IN (:visibilities) AND " + scope.tenantSql());
        if (scope.language() != null) {
            where.append(" AND language = :language");
            params.put("language", scope.language());
        }
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        Long total = named.queryForObject("SELECT count(*)" + where, params, Long.class);
        params.put("offset", (long) page * size);
        params.put("limit", size);
        List<Long> ids = named.queryForList("SELECT id" + where + " ORDER BY updated_at DESC, id DESC OFFSET :offset"
                + " ROWS FETCH NEXT :limit ROWS ONLY", params, Long.class);
        Map<Long, KbArticle> found = articles.findAllById(ids).stream()
                .collect(Collectors.toMap(KbArticle::getId, Function.identity()));
        List<ArticleSummary> items = ids.stream().map(found::get).filter(a -> a != null).map(a -> summary(a, 0))
                .toList();
        return new PageResponse<>(items, page, size, total == null ? 0 : total);
    }

    private KbArticle.Content content(ArticleInput input, KbArticle current) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        String title = input.title() == null && current != null ? current.getTitle() : input.title();
        if (title == null || title.isBlank()) {
            errors.add(new DomainException.FieldError("title", "is required"));
        } else if (title.length() > MAX_TITLE) {
            errors.add(new DomainException.FieldError("title", "must be at most " + MAX_TITLE + " characters"));
        }
        String html = input.body() == null && current != null ? current.getBodyHtml() : input.body();
        String clean = html == null ? "" : HtmlSanitizer.sanitize(html);
        if (clean.isBlank()) {
            errors.add(new DomainException.FieldError("body", "is required"));
        } else if (clean.length() > MAX_BODY) {
            errors.add(new DomainException.FieldError("body", "must be at most " + MAX_BODY + " characters"));
        }
        String language = input.language() == null ? (current != null ? current.getLanguage() : "en")
                : input.language().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            errors.add(new DomainException.FieldError("language", "must be de or en"));
        }
        KbArticle.Visibility visibility = current != null ? current.getVisibility() : KbArticle.Visibility.PUBLIC;
        if (input.visibility() != null) {
            try {
                visibility = KbArticle.Visibility.valueOf(input.visibility().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new DomainException.FieldError("visibility", "must be PUBLIC or INTERNAL"));
            }
        }
        String category = input.category() == null && current != null ? current.getCategory() : input.category();
        if (category != null && category.length() > 100) {
            errors.add(new DomainException.FieldError("category", "must be at most 100 characters"));
        }
        String tags = input.tags() == null ? (current != null ? current.getTags() : null)
                : input.tags().stream().filter(t -> t != null && !t.isBlank()).map(String::strip)
                .collect(Collectors.joining(", "));
        if (tags != null && tags.length() > 1000) {
            errors.add(new DomainException.FieldError("tags", "must be at most 1000 characters together"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new KbArticle.Content(title.strip(), clean, HtmlSanitizer.toText(clean), language, visibility,
                category, tags == null || tags.isBlank() ? null : tags);
    }

    private static KbArticle.Status status(String value) {
        try {
            return KbArticle.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("status", "must be DRAFT, REVIEW, PUBLISHED or ARCHIVED");
        }
    }

    private static <E extends Enum<E>> Set<String> names(Set<E> values) {
        return values.stream().map(Enum::name).collect(Collectors.toSet());
    }

    private boolean visibleTo(KbArticle article, CurrentUser user) {
        if (!TenantScope.admits(user, article.getTenant())) {
            return false;
        }
        return user.isAgent() || isEditor(user) || (article.getStatus() == KbArticle.Status.PUBLISHED
                && article.getVisibility() == KbArticle.Visibility.PUBLIC);
    }

    static boolean isEditor(CurrentUser user) {
        return user.has(Role.DESIGNER) || user.has(Role.ADMIN) || user.groups().contains(EDITORS);
    }

    private static void requireWriter(CurrentUser user) {
        if (!user.isAgent() && !isEditor(user)) {
            throw DomainException.refused("Only agents and editors write knowledge base articles.");
        }
    }

    private static ArticleView view(KbArticle a) {
        return new ArticleView(a.getId(), a.getVersion(), a.getTitle(), a.getBodyHtml(), a.getBodyText(),
                a.getStatus().name(), a.getVisibility().name(), a.getLanguage(), a.getCategory(), tags(a.getTags()),
                a.getSourceTicketId(), a.getCreatedBy(), a.getCreatedAt(), a.getUpdatedBy(), a.getUpdatedAt(),
                a.getPublishedAt(), a.getTenant());
    }

    private static List<String> tags(String tags) {
        return tags == null || tags.isBlank() ? List.of() : List.of(tags.split(",\\s*"));
    }

    private static ArticleSummary summary(KbArticle a, double score) {
        return new ArticleSummary(a.getId(), a.getTitle(), excerpt(a.getBodyText()), a.getVisibility().name(),
                a.getStatus().name(), a.getLanguage(), a.getCategory(), score);
    }

    /** The first 200 characters of the text, white space collapsed; the first 400 always suffice. */
    private static String excerpt(String bodyText) {
        String text = bodyText.length() > 400 ? bodyText.substring(0, 400) : bodyText;
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
