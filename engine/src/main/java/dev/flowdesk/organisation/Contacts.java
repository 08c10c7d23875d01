package dev.flowdesk.organisation;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.web.PageResponse;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Contacts, the people who ask: agents read, create, change and merge them (optimistic versions: 409 on a stale
 * one). Most contacts are created by {@link RequesterProfiles} from a new mail sender or portal user. A merge keeps
 * one contact with the addresses of both (duplicates from two addresses); the other stays, marked merged, for the
 * record.
 */
@Service
public class Contacts {

    private final NamedParameterJdbcTemplate jdbc;
    private final Organisations organisations;
    private final Clock clock;

    Contacts(NamedParameterJdbcTemplate jdbc, Organisations organisations, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.clock = clock;
    }

    /** A contact as clients see it, with its organisation's name, tier and tenant. */
    public record ContactView(long id, String name, List<String> emails, Long organisationId, String organisation,
                              String tier, String tenant, boolean vip, String language, String phone, String userId,
                              long version) {
    }

    /** {@code POST /api/contacts/{id}/merge}: the duplicate and the versions read (stale: 409). */
    public record MergeInput(Long otherId, Long version, Long otherVersion) {
    }

    /** One page of the contacts of the caller's tenant (not merged away), by name, with the total. */
    @Transactional(readOnly = true)
    public PageResponse<ContactView> list(String q, Long organisationId, int page, int size, CurrentUser actor) {
        actor.requireAny("Only agents see contacts.", Role.AGENT);
        PageResponse.check(page, size);
        Map<String, Object> params = new HashMap<>();
        String where = "c.merged_into IS NULL AND " + TenantScope.sql(actor, "o.tenant", params);
        if (q != null && !q.isBlank()) {
            params.put("q", "%" + q.strip().toLowerCase(Locale.ROOT) + "%");
            where += " AND (lower(c.name) LIKE :q OR EXISTS (SELECT 1 FROM contact_email e"
                    + " WHERE e.contact_id = c.id AND e.email LIKE :q))";
        }
        if (organisationId != null) {
            params.put("org", organisationId);
            where += " AND c.organisation_id = :org";
        }
        String from = " FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id WHERE " + where;
        Long total = jdbc.queryForObject("SELECT count(*)" + from, params, Long.class);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<ContactView> items = jdbc.queryForList("SELECT c.id" + from + " ORDER BY c.name, c.id LIMIT :limit"
                + " OFFSET :offset", params, Long.class).stream().map(this::find).toList();
        return new PageResponse<>(items, page, size, total == null ? 0 : total);
    }

    @Transactional(readOnly = true)
    public ContactView get(long id, CurrentUser actor) {
        actor.requireAny("Only agents see contacts.", Role.AGENT);
        ContactView view = find(id);
        if (view == null || !TenantScope.admits(actor, view.tenant())) {
            throw DomainException.notFound("Contact " + id);
        }
        return view;
    }

    @Transactional
    public ContactView create(ContactInput input, CurrentUser actor) {
        actor.requireAny("Only agents create contacts.", Role.AGENT);
        return find(insert(input.checked(), actor));
    }

    /** Inserts a checked contact (the import uses it inside its own transaction); invalid input throws first. */
    long insert(ContactInput in, CurrentUser actor) {
        checkOrganisation(in.organisationId(), actor);
        var keys = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO contact (name, organisation_id, vip, language, phone, version, created_at, updated_at)"
                + " VALUES (:name, :org, :vip, :lang, :phone, 0, :now, :now)", new MapSqlParameterSource()
                .addValue("name", in.name()).addValue("org", in.organisationId()).addValue("vip", in.vip())
                .addValue("lang", in.language()).addValue("phone", in.phone()).addValue("now", now), keys,
                new String[]{"id"});
        long id = keys.getKey().longValue();
        addEmails(id, in.emails());
        return id;
    }

    @Transactional
    public ContactView update(long id, ContactInput input, CurrentUser actor) {
        ContactView current = get(id, actor);
        ContactInput in = input.checked();
        if (in.version() == null) {
            throw DomainException.invalid("version", "is required: the version you read");
        }
        change(current, in, actor);
        return find(id);
    }

    /** Writes a checked change of a contact under its version (stale: 409). */
    void change(ContactView current, ContactInput in, CurrentUser actor) {
        long id = current.id();
        checkOrganisation(in.organisationId(), actor);
        bump(id, in.version());
        jdbc.update("UPDATE contact SET name = :name, organisation_id = :org, vip = :vip, language = :lang,"
                + " phone = :phone WHERE id = :id", new MapSqlParameterSource("id", id)
                .addValue("name", in.name()).addValue("org", in.organisationId()).addValue("vip", in.vip())
                .addValue("lang", in.language()).addValue("phone", in.phone()));
        List<String> removed = current.emails().stream().filter(e -> !in.emails().contains(e)).toList();
        if (!removed.isEmpty()) {
            jdbc.update("DELETE FROM contact_email WHERE contact_id = :id AND email IN (:emails)",
                    Map.of("id", id, "emails", removed));
        }
        addEmails(id, in.emails().stream().filter(e -> !current.emails().contains(e)).toList());
    }

    /**
     * Merges {@code otherId} into {@code id}: its addresses move over, VIP if either was, its organisation when this
     * one has none. Both versions are checked and bumped, so a concurrent change or merge of either answers 409.
     */
    @Transactional
    public ContactView merge(long id, MergeInput input, CurrentUser actor) {
        if (input == null || input.otherId() == null) {
            throw DomainException.invalid("otherId", "is required: the contact to merge into this one");
        }
        if (input.otherId() == id) {
            throw DomainException.invalid("otherId", "is this contact itself");
        }
        ContactView keep = get(id, actor);
        ContactView other = get(input.otherId(), actor);
        bump(id, input.version() == null ? keep.version() : input.version());
        bump(other.id(), input.otherVersion() == null ? other.version() : input.otherVersion());
        jdbc.update("UPDATE contact_email SET contact_id = :id WHERE contact_id = :other",
                Map.of("id", id, "other", other.id()));
        jdbc.update("UPDATE contact SET merged_into = :id WHERE id = :other", Map.of("id", id, "other", other.id()));
        jdbc.update("UPDATE contact SET vip = :vip, organisation_id = :org, language = :lang, phone = :phone"
                        + " WHERE id = :id", new MapSqlParameterSource("id", id)
                .addValue("vip", keep.vip() || other.vip())
                .addValue("org", keep.organisationId() != null ? keep.organisationId() : other.organisationId())
                .addValue("lang", keep.language() != null ? keep.language() : other.language())
                .addValue("phone", keep.phone() != null ? keep.phone() : other.phone()));
        return find(id);
    }

    /** Moves the version on if it is still the one given: 409 if someone else changed the contact meanwhile. */
    private void bump(long id, long version) {
        int changed = jdbc.update("UPDATE contact SET version = version + 1, updated_at = :now"
                + " WHERE id = :id AND version = :version AND merged_into IS NULL", new MapSqlParameterSource("id", id)
                .addValue("version", version).addValue("now", Timestamp.from(clock.instant())));
        if (changed == 0) {
            throw DomainException.conflict("Contact " + id + " was changed by someone else; load it again.");
        }
    }

    private void checkOrganisation(Long organisationId, CurrentUser actor) {
        if (organisationId != null && organisations.visible(organisationId, actor).isEmpty()) {
            throw DomainException.invalid("organisationId", "no organisation " + organisationId);
        }
    }

    private void addEmails(long id, List<String> emails) {
        for (int i = 0; i < emails.size(); i++) {
            Long owner = jdbc.query("SELECT contact_id FROM contact_email WHERE email = :e", Map.of("e", emails.get(i)),
                    rs -> rs.next() ? rs.getLong(1) : null);
            if (owner != null) {
                throw DomainException.invalid("emails[" + i + "]", emails.get(i) + " belongs to contact " + owner
                        + " (merge the two instead)");
            }
            try {
                jdbc.update("INSERT INTO contact_email (email, contact_id) VALUES (:e, :id)",
                        Map.of("e", emails.get(i), "id", id));
            } catch (DuplicateKeyException meanwhile) {
                throw DomainException.conflict(emails.get(i) + " was just given to another contact");
            }
        }
    }

    ContactView find(long id) {
        List<ContactView> found = jdbc.query("SELECT c.*, o.name AS org_name, o.tier, o.tenant FROM contact c"
                        + " LEFT JOIN organisation o ON o.id = c.organisation_id WHERE c.id = :id", Map.of("id", id),
                (rs, n) -> new ContactView(rs.getLong("id"), rs.getString("name"), emails(id),
                        (Long) rs.getObject("organisation_id", Long.class), rs.getString("org_name"),
                        rs.getString("tier") == null ? "STANDARD" : rs.getString("tier"), rs.getString("tenant"),
                        rs.getBoolean("vip"), rs.getString("language"), rs.getString("phone"),
                        rs.getString("user_id"), rs.getLong("version")));
        return found.isEmpty() ? null : found.get(0);
    }

    private List<String> emails(long id) {
        return jdbc.queryForList("SELECT email FROM contact_email WHERE contact_id = :id ORDER BY email",
                Map.of("id", id), String.class);
    }
}
