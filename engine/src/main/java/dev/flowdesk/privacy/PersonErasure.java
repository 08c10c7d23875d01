package dev.flowdesk.privacy;

import dev.flowdesk.attachment.Attachments;
import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Erases or pseudonymises one person (GDPR art. 17, issue 15 part 6), an administrator's action. The person is named
 * by user id or e-mail address; what identifies her (id, addresses of her account and contact, full names, phone)
 * is replaced by her pseudonym in every text column of the database ({@link StoredText}: users, contacts, tickets'
 * requester and fields, conversation senders and recipients, mail headers and bodies, watchers, outbox, ratings,
 * knowledge base authorship, audit trails, and Camunda's runtime, history and user operation log). Tickets, their
 * events and figures stay: only who they were about becomes {@code person-<hash>}.
 * <p>
 * Both modes remove her account (Camunda user, memberships, user info, API tokens, second factor, sessions) and
 * suppress mail still waiting to go to her. {@link Mode#ERASE} also deletes the files she uploaded, her ratings'
 * comments and her contact's phone. One transaction: all of it or nothing; a dry run computes the same answer and
 * writes nothing. The security audit records the action under the pseudonym, without the erased data.
 */
@Service
public class PersonErasure {

    private static final Logger LOG = LoggerFactory.getLogger(PersonErasure.class);

    public enum Mode { PSEUDONYMISE, ERASE }

    /** What changed (or would change): rows per {@code table.column}, and what was deleted. */
    public record Result(String pseudonym, Mode mode, boolean dryRun, boolean accountRemoved,
                         int attachmentsDeleted, int tokensDeleted, int mailsSuppressed, int rowsRewritten,
                         Map<String, Integer> rewritten) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final IdentityService identity;
    private final Attachments attachments;
    private final Pseudonyms pseudonyms;
    private final StoredText storedText;
    private final SecurityEvents audit;

    PersonErasure(NamedParameterJdbcTemplate jdbc, IdentityService identity, Attachments attachments,
                  Pseudonyms pseudonyms, StoredText storedText, SecurityEvents audit) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.attachments = attachments;
        this.pseudonyms = pseudonyms;
        this.storedText = storedText;
        this.audit = audit;
    }

    @Transactional
    public Result erase(String who, Mode mode, boolean dryRun, CurrentUser admin) {
        String key = who == null ? "" : who.strip();
        if (key.isEmpty() || key.length() > 254) {
            throw DomainException.invalid("person", "must be a user id or an e-mail address of at most 254 characters");
        }
        if (mode == null) {
            throw DomainException.invalid("mode", "must be PSEUDONYMISE or ERASE");
        }
        admin.requireAny("Only administrators erase people.");
        Person person = resolve(key);
        if (person.userId() != null && person.userId().equals(admin.id())
                || admin.email() != null && person.addresses().containsKey(admin.email().toLowerCase(Locale.ROOT))) {
            throw DomainException.invalid("person", "is the administrator asking; another administrator erases her");
        }
        MapSqlParameterSource ids = new MapSqlParameterSource().addValue("id", person.userId() == null ? ""
                : person.userId()).addValue("addresses", addressesOrNone(person));
        boolean account = person.userId() != null
                && identity.createUserQuery().userId(person.userId()).count() > 0;
        List<String> uploaders = new ArrayList<>(person.addresses().keySet());
        if (person.userId() != null) {
            uploaders.add(person.userId());
        }
        int files = mode == Mode.ERASE ? attachments.deleteUploadedBy(uploaders, dryRun) : 0;
        int tokens = count("select count(*) from api_token where user_id = :id", ids);
        int mails = count("select count(*) from mail_outbox where lower(recipient) in (:addresses)"
                + " and status = 'PENDING'", ids);
        if (!dryRun) {
            if (mode == Mode.ERASE) {
                jdbc.update("update ticket_rating set comment = null where rated_by = :id or lower(rated_by)"
                        + " in (:addresses)", ids);
                jdbc.update("update contact set phone = null, version = version + 1 where user_id = :id or id in"
                        + " (select contact_id from contact_email where email in (:addresses))", ids);
            }
            jdbc.update("update mail_outbox set status = 'SUPPRESSED', last_error = 'recipient erased',"
                    + " version = version + 1 where lower(recipient) in (:addresses) and status = 'PENDING'", ids);
            jdbc.update("delete from api_token where user_id = :id", ids);
            jdbc.update("delete from totp_recovery_code where user_id = :id", ids);
            jdbc.update("delete from totp_credential where user_id = :id", ids);
            jdbc.update("delete from spring_session_attributes where session_primary_id in (select primary_id"
                    + " from spring_session where principal_name = :id)", ids);
            jdbc.update("delete from spring_session where principal_name = :id", ids);
            if (account) {
                identity.deleteUser(person.userId());
            }
        }
        Map<String, Integer> rewritten = storedText.rewrite(person, dryRun);
        int rows = rewritten.values().stream().mapToInt(Integer::intValue).sum();
        if (!account && rows == 0 && files == 0) {
            throw DomainException.notFound("No personal data of this person is stored.");
        }
        Result result = new Result(person.pseudonym(), mode, dryRun, account, files, tokens, mails, rows,
                rewritten);
        if (!dryRun) {
            audit.record(SecurityEventKind.PERSON_ERASED, admin.id(), person.pseudonym(), mode.name().toLowerCase(
                    Locale.ROOT) + ": " + rows + " values in " + rewritten.size() + " columns rewritten, "
                    + files + " files deleted, account " + (account ? "removed" : "absent"));
            LOG.info("{} by {}: {} rows in {} columns, {} files", mode, admin.id(), rows, rewritten.size(), files);
        }
        return result;
    }

    /** Who the key names, with every identifier the database knows for her. */
    Person resolve(String key) {
        String userId = null;
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        if (key.contains("@")) {
            addresses.add(key.toLowerCase(Locale.ROOT));
            List<String> users = jdbc.queryForList("select ID_ from ACT_ID_USER where lower(EMAIL_) = :email"
                    + " order by ID_", Map.of("email", key.toLowerCase(Locale.ROOT)), String.class);
            userId = users.isEmpty() ? null : users.get(0);
        } else {
            userId = key;
        }
        addAccount(userId, addresses, names);
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("id", userId == null ? "" : userId)
                .addValue("addresses", addresses.isEmpty() ? List.of("") : List.copyOf(addresses));
        List<Long> contacts = jdbc.queryForList("select id from contact where user_id = :id or id in (select"
                + " contact_id from contact_email where email in (:addresses))", params, Long.class);
        if (!contacts.isEmpty()) {
            MapSqlParameterSource byContact = new MapSqlParameterSource("contacts", contacts);
            jdbc.query("select name, phone from contact where id in (:contacts)", byContact, rs -> {
                names.add(rs.getString(1));
                phones.add(rs.getString(2));
            });
            addresses.addAll(jdbc.queryForList("select lower(email) from contact_email where contact_id in"
                    + " (:contacts)", byContact, String.class));
            if (userId == null) {
                userId = jdbc.queryForList("select user_id from contact where id in (:contacts) and user_id is"
                        + " not null order by id", byContact, String.class).stream().findFirst().orElse(null);
                addAccount(userId, addresses, names);
            }
        }
        Map<String, String> pseudonymous = new LinkedHashMap<>();
        addresses.forEach(address -> pseudonymous.put(address, pseudonyms.address(address)));
        String pseudonym = pseudonyms.of(userId != null ? userId : key);
        return Person.of(userId, pseudonym, pseudonymous, names, phones);
    }

    /** The address and full name of the Camunda account, if there is one. */
    private void addAccount(String userId, Set<String> addresses, Set<String> names) {
        User user = userId == null ? null : identity.createUserQuery().userId(userId).singleResult();
        if (user != null) {
            if (user.getEmail() != null && !user.getEmail().isBlank()) {
                addresses.add(user.getEmail().strip().toLowerCase(Locale.ROOT));
            }
            names.add(((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                    + (user.getLastName() == null ? "" : user.getLastName())).strip());
        }
    }

    private static List<String> addressesOrNone(Person person) {
        return person.addresses().isEmpty() ? List.of("") : List.copyOf(person.addresses().keySet());
    }

    private int count(String sql, MapSqlParameterSource params) {
        Integer n = jdbc.queryForObject(sql, params, Integer.class);
        return n == null ? 0 : n;
    }
}
