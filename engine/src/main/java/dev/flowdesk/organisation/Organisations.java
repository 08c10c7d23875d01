package dev.flowdesk.organisation;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.web.PageResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customer organisations: agents read them, administrators create and change them (optimistic version: 409 on a
 * stale one). A mail domain belongs to one organisation; when one is added, contacts of that domain that belong to
 * no organisation yet join it, as new senders of the domain will.
 */
@Service
public class Organisations {

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    Organisations(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An organisation as clients see it. */
    public record OrganisationView(long id, String name, List<String> domains, String tier, String tenant,
                                   String accountManager, long contacts, long version) {
    }

    /** How many organisations each tenant has (administrators' tenant overview); tenants without any are absent. */
    @Transactional(readOnly = true)
    public Map<String, Long> countByTenant(CurrentUser actor) {
        actor.requireAny("Only administrators count every tenant's organisations.");
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT tenant, count(*) FROM organisation WHERE tenant IS NOT NULL GROUP BY tenant",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** One page of the organisations of the caller's tenant, by name, with the total. */
    @Transactional(readOnly = true)
    public PageResponse<OrganisationView> list(String q, int page, int size, CurrentUser actor) {
        actor.requireAny("Only agents see organisations.", Role.AGENT);
        PageResponse.check(page, size);
        Map<String, Object> params = new HashMap<>();
        String where = TenantScope.sql(actor, "o.tenant", params);
        if (q != null && !q.isBlank()) {
            params.put("q", "%" + q.strip().toLowerCase(java.util.Locale.ROOT) + "%");
            where += " AND (lower(o.name) LIKE :q OR EXISTS (SELECT 1 FROM organisation_domain d"
                    + " WHERE d.organisation_id = o.id AND d.domain LIKE :q))";
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM organisation o WHERE " + where, params, Long.class);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Long> ids = jdbc.queryForList("SELECT o.id FROM organisation o WHERE " + where
                + " ORDER BY o.name, o.id LIMIT :limit OFFSET :offset", params, Long.class);
        return new PageResponse<>(ids.stream().map(this::load).toList(), page, size, total == null ? 0 : total);
    }

    @Transactional(readOnly = true)
    public OrganisationView get(long id, CurrentUser actor) {
        actor.requireAny("Only agents see organisations.", Role.AGENT);
        OrganisationView view = find(id);
        if (view == null || !TenantScope.admits(actor, view.tenant())) {
            throw DomainException.notFound("Organisation " + id);
        }
        return view;
    }

    /**
     * The organisation if the user may see it, else empty. Does not throw, so that a caller in a larger transaction
     * (an import checking each row) can answer with its own reason instead of a transaction marked for rollback.
     */
    public java.util.Optional<OrganisationView> visible(long id, CurrentUser actor) {
        OrganisationView view = find(id);
        return view == null || !TenantScope.admits(actor, view.tenant()) ? java.util.Optional.empty()
                : java.util.Optional.of(view);
    }

    @Transactional
    public OrganisationView create(OrganisationInput input, CurrentUser actor) {
        actor.requireAny("Only administrators create organisations.", Role.ADMIN);
        OrganisationInput in = input.checked();
        Instant now = clock.instant();
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.update("INSERT INTO organisation (name, tier, tenant, account_manager, version, created_at, updated_at)"
                    + " VALUES (:name, :tier, :tenant, :manager, 0, :now, :now)", new MapSqlParameterSource()
                    .addValue("name", in.name()).addValue("tier", in.tier()).addValue("tenant", in.tenant())
                    .addValue("manager", in.accountManager()).addValue("now", Timestamp.from(now)), keys,
                    new String[]{"id"});
        } catch (DuplicateKeyException taken) {
            throw DomainException.invalid("name", "another organisation is called '" + in.name() + "'");
        }
        long id = keys.getKey().longValue();
        setDomains(id, in.domains());
        return find(id);
    }

    @Transactional
    public OrganisationView update(long id, OrganisationInput input, CurrentUser actor) {
        actor.requireAny("Only administrators change organisations.", Role.ADMIN);
        get(id, actor);
        OrganisationInput in = input.checked();
        if (in.version() == null) {
            throw DomainException.invalid("version", "is required: the version you read");
        }
        int changed;
        try {
            changed = jdbc.update("UPDATE organisation SET name = :name, tier = :tier, tenant = :tenant,"
                    + " account_manager = :manager, version = version + 1, updated_at = :now"
                    + " WHERE id = :id AND version = :version", new MapSqlParameterSource("id", id)
                    .addValue("name", in.name()).addValue("tier", in.tier()).addValue("tenant", in.tenant())
                    .addValue("manager", in.accountManager()).addValue("version", in.version())
                    .addValue("now", Timestamp.from(clock.instant())));
        } catch (DuplicateKeyException taken) {
            throw DomainException.invalid("name", "another organisation is called '" + in.name() + "'");
        }
        if (changed == 0) {
            throw DomainException.conflict("Organisation " + id + " was changed by someone else; load it again.");
        }
        jdbc.update("DELETE FROM organisation_domain WHERE organisation_id = :id", Map.of("id", id));
        setDomains(id, in.domains());
        return find(id);
    }

    private void setDomains(long id, List<String> domains) {
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            Long owner = jdbc.query("SELECT organisation_id FROM organisation_domain WHERE domain = :d",
                    Map.of("d", domain), rs -> rs.next() ? rs.getLong(1) : null);
            if (owner != null) {
                throw DomainException.invalid("domains[" + i + "]", domain + " belongs to organisation " + owner);
            }
            jdbc.update("INSERT INTO organisation_domain (domain, organisation_id) VALUES (:d, :id)",
                    Map.of("d", domain, "id", id));
            // contacts of the domain without an organisation join it, as the domain's next new sender will
            jdbc.update("UPDATE contact SET organisation_id = :id, version = version + 1 WHERE organisation_id IS NULL"
                    + " AND merged_into IS NULL AND id IN (SELECT contact_id FROM contact_email WHERE email LIKE :suffix)",
                    Map.of("id", id, "suffix", "%@" + domain));
        }
    }

    private OrganisationView find(long id) {
        List<OrganisationView> found = jdbc.query("SELECT o.*, (SELECT count(*) FROM contact c WHERE"
                        + " c.organisation_id = o.id AND c.merged_into IS NULL) AS contacts FROM organisation o"
                        + " WHERE o.id = :id", Map.of("id", id),
                (rs, n) -> new OrganisationView(rs.getLong("id"), rs.getString("name"), domains(id),
                        rs.getString("tier"), rs.getString("tenant"), rs.getString("account_manager"),
                        rs.getLong("contacts"), rs.getLong("version")));
        return found.isEmpty() ? null : found.get(0);
    }

    private OrganisationView load(long id) {
        return find(id);
    }

    private List<String> domains(long id) {
        return jdbc.queryForList("SELECT domain FROM organisation_domain WHERE organisation_id = :id ORDER BY domain",
                Map.of("id", id), String.class);
    }
}
