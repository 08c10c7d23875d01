package dev.flowdesk.privacy;

import dev.flowdesk.attachment.Attachments;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retention of closed tickets (issue 15 part 6): once a ticket has been closed for longer than
 * {@code flowdesk.privacy.retention.closed-tickets}, its personal data goes — the requester becomes her pseudonym,
 * the description, conversation bodies, mail bodies and form fields are replaced by a notice, addresses in senders,
 * recipients, watchers and the outbox become pseudonymous addresses, rating comments and all files are deleted, and
 * the requester in the audit trail and in the process's variables (runtime and Camunda history) is pseudonymised.
 * The ticket itself, its type, category, queue, priority, times, SLA figures and events stay, so reports over past
 * years keep their counts.
 * <p>
 * Idempotent: a ticket is marked ({@code personal_data_removed_at}) in the transaction that cleans it, and only
 * unmarked tickets are picked, oldest closing first, {@code batch-size} per transaction. Each run is one security
 * event (how many tickets, up to which closing time), never the data removed.
 */
@Service
@EnableConfigurationProperties(RetentionProperties.class)
public class ClosedTicketRetention {

    static final String REMOVED = "[removed after the retention period]";
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Attachments attachments;
    private final Pseudonyms pseudonyms;
    private final PersonErasure people;
    private final SecurityEvents audit;
    private final RetentionProperties properties;
    private final Clock clock;

    ClosedTicketRetention(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
                          Attachments attachments, Pseudonyms pseudonyms, PersonErasure people, SecurityEvents audit,
                          RetentionProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.attachments = attachments;
        this.pseudonyms = pseudonyms;
        this.people = people;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(Instant closedBefore, int tickets) {
    }

    /** One run with the configured period; null when retention is off. */
    public Run run() {
        return properties.enabled() ? run(properties.closedTickets()) : null;
    }

    /** One run: every ticket closed longer than {@code period} ago and not yet cleaned, batch by batch. */
    public Run run(Period period) {
        Instant now = clock.instant();
        Instant cutoff = now.atZone(ZoneOffset.UTC).minus(period).toInstant();
        int total = 0;
        int batch;
        do {
            batch = transaction.execute(status -> cleanBatch(cutoff, now));
            total += batch;
        } while (batch == properties.batchSize());
        int cleaned = total;
        transaction.executeWithoutResult(status -> audit.record(SecurityEventKind.RETENTION_RUN, "system",
                "closed tickets", cleaned + " tickets closed before " + cutoff + " (" + period
                        + " ago) lost their personal data"));
        return new Run(cutoff, total);
    }

    private int cleanBatch(Instant cutoff, Instant now) {
        List<Map<String, Object>> due = jdbc.queryForList("select id, requester, process_instance_id from ticket"
                + " where closed_at < :cutoff and personal_data_removed_at is null order by closed_at, id"
                + " limit :limit", new MapSqlParameterSource("cutoff", Timestamp.from(cutoff))
                .addValue("limit", properties.batchSize()));
        for (Map<String, Object> ticket : due) {
            clean(((Number) ticket.get("id")).longValue(), (String) ticket.get("requester"),
                    (String) ticket.get("process_instance_id"), now);
        }
        return due.size();
    }

    private void clean(long id, String requester, String processInstance, Instant now) {
        Person person = people.resolve(requester);
        String pseudonym = requester.contains("@") ? pseudonyms.address(requester) : pseudonyms.of(requester);
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("removed", REMOVED)
                .addValue("requester", requester).addValue("pseudonym", pseudonym)
                .addValue("now", Timestamp.from(now));
        Map<String, Object> row = jdbc.queryForMap("select subject, resolution from ticket where id = :id", p);
        p.addValue("subject", person.replace((String) row.get("subject")))
                .addValue("resolution", person.replace((String) row.get("resolution")));
        jdbc.update("update ticket set requester = :pseudonym, subject = :subject, description = :removed,"
                + " resolution = :resolution, fields_json = '{}', personal_data_removed_at = :now,"
                + " version = version + 1 where id = :id", p);
        for (Map<String, Object> article : jdbc.queryForList("select id, author, from_address, to_addresses,"
                + " cc_addresses from article where ticket_id = :id", p)) {
            jdbc.update("update article set body = :removed, body_html = null, attachments_json = null,"
                    + " author = :author, from_address = :from, to_addresses = :to, cc_addresses = :cc"
                    + " where id = :article", new MapSqlParameterSource("removed", REMOVED)
                    .addValue("article", article.get("id"))
                    .addValue("author", author((String) article.get("author"), requester, pseudonym))
                    .addValue("from", addresses((String) article.get("from_address")))
                    .addValue("to", addresses((String) article.get("to_addresses")))
                    .addValue("cc", addresses((String) article.get("cc_addresses"))));
        }
        for (String watcher : jdbc.queryForList("select address from mail_watcher where ticket_id = :id", p,
                String.class)) {
            jdbc.update("update mail_watcher set address = :to where ticket_id = :id and address = :from",
                    new MapSqlParameterSource("id", id).addValue("from", watcher).addValue("to",
                            pseudonyms.address(watcher)));
        }
        jdbc.update("update mail_thread set requester_address = :pseudonym where ticket_id = :id"
                + " and requester_address is not null", p);
        for (Map<String, Object> mail : jdbc.queryForList("select id, recipient, cc, subject from mail_outbox"
                + " where ticket_id = :id", p)) {
            jdbc.update("update mail_outbox set body = :removed, recipient = :recipient, cc = :cc,"
                    + " subject = :subject, version = version + 1 where id = :mail", new MapSqlParameterSource(
                    "removed", REMOVED).addValue("mail", mail.get("id"))
                    .addValue("recipient", addresses((String) mail.get("recipient")))
                    .addValue("cc", addresses((String) mail.get("cc")))
                    .addValue("subject", person.replace((String) mail.get("subject"))));
        }
        jdbc.update("update ticket_rating set comment = null, rated_by = :pseudonym where ticket_id = :id"
                + " and rated_by = :requester", p);
        jdbc.update("update ticket_rating set comment = null where ticket_id = :id", p);
        for (Map<String, Object> event : jdbc.queryForList("select id, actor, detail, before_json, after_json"
                + " from audit_event where ticket_id = :id", p)) {
            jdbc.update("update audit_event set actor = :actor, detail = :detail, before_json = :before,"
                    + " after_json = :after where id = :event", new MapSqlParameterSource("event", event.get("id"))
                    .addValue("actor", author((String) event.get("actor"), requester, pseudonym))
                    .addValue("detail", person.replace((String) event.get("detail")))
                    .addValue("before", person.replace((String) event.get("before_json")))
                    .addValue("after", person.replace((String) event.get("after_json"))));
        }
        if (processInstance != null) {
            // the requester variable, in the running or finished process and in Camunda's history of it
            MapSqlParameterSource v = new MapSqlParameterSource("instance", processInstance)
                    .addValue("requester", requester).addValue("pseudonym", pseudonym);
            jdbc.update("update ACT_RU_VARIABLE set TEXT_ = :pseudonym where PROC_INST_ID_ = :instance"
                    + " and TEXT_ = :requester", v);
            jdbc.update("update ACT_HI_VARINST set TEXT_ = :pseudonym where PROC_INST_ID_ = :instance"
                    + " and TEXT_ = :requester", v);
            jdbc.update("update ACT_HI_DETAIL set TEXT_ = :pseudonym where PROC_INST_ID_ = :instance"
                    + " and TEXT_ = :requester", v);
        }
        attachments.deleteOfTicket(id);
    }

    /** The requester (by id or address) and any address become pseudonyms; the desk's staff keep their ids. */
    private String author(String author, String requester, String pseudonym) {
        if (author == null) {
            return null;
        }
        if (author.equalsIgnoreCase(requester)) {
            return pseudonym;
        }
        return author.contains("@") ? addresses(author) : author;
    }

    /** Every address in a header value becomes its pseudonymous address; display names go with the rest. */
    private String addresses(String header) {
        if (header == null || header.isBlank()) {
            return header;
        }
        Matcher m = ADDRESS.matcher(header);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            String address = m.group();
            found.add(Pseudonyms.isPseudonym(address) || address.endsWith(Pseudonyms.ADDRESS_DOMAIN) ? address
                    : pseudonyms.address(address));
        }
        return String.join(", ", found);
    }
}
