package dev.flowdesk.organisation;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who a requester is, from the stored records: the contact with her address and its organisation's tier and tenant.
 * These are what the rules read as {@code requester.tier}, VIP and tenant; nothing a client sends can set them.
 * A new mail sender or portal user becomes a contact on her first ticket, in the organisation that owns her
 * address's domain.
 */
@Service
public class RequesterProfiles {

    private static final Logger log = LoggerFactory.getLogger(RequesterProfiles.class);

    private final NamedParameterJdbcTemplate jdbc;
    private final IdentityService identity;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    RequesterProfiles(NamedParameterJdbcTemplate jdbc, IdentityService identity, PlatformTransactionManager tx,
                      Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.ownTransaction = new TransactionTemplate(tx);
        // The contact is true whatever becomes of the ticket; and a unique-key race with a second ticket of the
        // same new sender must not abort the ticket's transaction (PostgreSQL would), so it commits on its own.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /**
     * What the rules know of a requester: her contact, organisation, tier (STANDARD without an organisation), VIP
     * flag and tenant (null when her organisation has none).
     */
    public record RequesterProfile(long contactId, String name, Long organisationId, String organisation, String tier,
                                   boolean vip, String tenant) {
    }

    /**
     * The profile of a ticket's requester, creating her contact on the first ticket. {@code requester} is a user id
     * or an address; {@code email} and {@code name} are what the channel knows (may be null). Empty when no address
     * is known (a user without an e-mail address).
     */
    public Optional<RequesterProfile> forRequester(String requester, String email, String name) {
        String address = address(requester, email);
        if (address == null) {
            return Optional.empty();
        }
        Optional<RequesterProfile> known = find(address);
        if (known.isPresent()) {
            return known;
        }
        String userId = requester.contains("@") ? null : requester;
        String display = name == null || name.isBlank() || name.contains("@") ? displayName(userId, address) : name;
        try {
            ownTransaction.executeWithoutResult(status -> create(address, display, userId));
        } catch (DuplicateKeyException second) {
            log.debug("Contact for {} was created by a concurrent ticket", address);
        }
        return find(address);
    }

    /** The stored profile of an address (or of the user with this id), without creating anything. */
    public Optional<RequesterProfile> find(String requester, String email) {
        String address = address(requester, email);
        return address == null ? Optional.empty() : find(address);
    }

    private Optional<RequesterProfile> find(String address) {
        List<RequesterProfile> found = jdbc.query("SELECT c.id, c.name, c.vip, c.organisation_id, o.name AS org_name,"
                        + " o.tier, o.tenant FROM contact_email e JOIN contact c ON c.id = e.contact_id"
                        + " LEFT JOIN organisation o ON o.id = c.organisation_id WHERE e.email = :e",
                Map.of("e", address), (rs, n) -> new RequesterProfile(rs.getLong("id"), rs.getString("name"),
                        rs.getObject("organisation_id", Long.class), rs.getString("org_name"),
                        rs.getString("tier") == null ? "STANDARD" : rs.getString("tier"), rs.getBoolean("vip"),
                        rs.getString("tenant")));
        return found.stream().findFirst();
    }

    private void create(String address, String name, String userId) {
        String domain = address.substring(address.indexOf('@') + 1);
        Long organisation = jdbc.query("SELECT organisation_id FROM organisation_domain WHERE domain = :d",
                Map.of("d", domain), rs -> rs.next() ? rs.getLong(1) : null);
        var keys = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.update("INSERT INTO contact (name, organisation_id, vip, user_id, version, created_at, updated_at)"
                + " VALUES (:name, :org, FALSE, :user, 0, :now, :now)", new MapSqlParameterSource()
                .addValue("name", name.length() > 200 ? name.substring(0, 200) : name).addValue("org", organisation)
                .addValue("user", userId).addValue("now", now), keys, new String[]{"id"});
        jdbc.update("INSERT INTO contact_email (email, contact_id) VALUES (:e, :id)",
                Map.of("e", address, "id", keys.getKey().longValue()));
    }

    /** The lower-case address of a requester: the one given, else the user's own, else null. */
    private String address(String requester, String email) {
        String address = email;
        if (address == null && requester != null) {
            if (requester.contains("@")) {
                address = requester;
            } else {
                User user = identity.createUserQuery().userId(requester).singleResult();
                address = user == null ? null : user.getEmail();
            }
        }
        if (address == null || !ContactInput.EMAIL.matcher(address.strip()).matches()) {
            return null;
        }
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private String displayName(String userId, String address) {
        if (userId != null) {
            User user = identity.createUserQuery().userId(userId).singleResult();
            if (user != null && user.getFirstName() != null) {
                return (user.getFirstName() + " " + (user.getLastName() == null ? "" : user.getLastName())).strip();
            }
        }
        return address.substring(0, address.indexOf('@'));
    }
}
