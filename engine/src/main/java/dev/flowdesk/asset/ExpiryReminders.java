package dev.flowdesk.asset;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.NewTicket;
import dev.flowdesk.ticket.TicketConfigurationItems;
import dev.flowdesk.ticket.TicketService;
import dev.flowdesk.ticket.TicketViews.OpenedTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens one reminder ticket per asset whose warranty (or, for a contract, whose term) ends within
 * {@code flowdesk.assets.reminder-days}. Each asset is its own transaction: the {@code asset_reminder} row is
 * inserted first and the ticket opened with it, so a second node (or an overlapping run) that reaches the same asset
 * waits on the row's key and then fails on it, and never opens a second ticket.
 */
@Service
@EnableConfigurationProperties(AssetProperties.class)
public class ExpiryReminders {

    private static final Logger log = LoggerFactory.getLogger(ExpiryReminders.class);
    /** Who opens reminder tickets: a system actor that sees every asset (an agent of no queue). */
    static final CurrentUser REMINDER = new CurrentUser("flowdesk-assets", "Asset reminders", null, List.of(),
            Set.of(Role.USER, Role.AGENT), null);

    private final NamedParameterJdbcTemplate jdbc;
    private final TicketService tickets;
    private final AssetProperties properties;
    private final TransactionTemplate perAsset;
    private final Clock clock;

    ExpiryReminders(NamedParameterJdbcTemplate jdbc, TicketService tickets, AssetProperties properties,
                    PlatformTransactionManager tx, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.properties = properties;
        this.perAsset = new TransactionTemplate(tx);
        this.perAsset.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** An asset whose end is coming up, as found by {@link #dueNow()}. */
    record Due(long id, String type, String name, String serial, String owner, LocalDate end) {
        String kind() {
            return "contract".equals(type) ? "CONTRACT" : "WARRANTY";
        }
    }

    /** Reminds of every end coming up that has no reminder yet; answers how many tickets this call opened. */
    public int remindDue() {
        return remind(dueNow());
    }

    /** The assets whose end is coming up and that have no reminder yet (another node may be at them already). */
    List<Due> dueNow() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<Due> due = jdbc.query("SELECT a.id, a.type, a.name, a.serial, a.owner_id, a.warranty_end FROM asset a"
                        + " WHERE a.warranty_end BETWEEN :today AND :until AND a.status <> 'RETIRED'"
                        + " AND NOT EXISTS (SELECT 1 FROM asset_reminder r WHERE r.asset_id = a.id"
                        + " AND r.due = a.warranty_end) ORDER BY a.warranty_end, a.id",
                Map.of("today", Date.valueOf(today), "until", Date.valueOf(today.plusDays(properties.reminderDays()))),
                (rs, n) -> new Due(rs.getLong("id"), rs.getString("type"), rs.getString("name"),
                        rs.getString("serial"), rs.getString("owner_id"), rs.getObject("warranty_end", LocalDate.class)));
        return due;
    }

    /** Opens the reminders of these assets, each in its own transaction; those reminded of meanwhile are skipped. */
    int remind(List<Due> due) {
        int opened = 0;
        for (Due asset : due) {
            try {
                Boolean done = perAsset.execute(status -> remind(asset));
                opened += Boolean.TRUE.equals(done) ? 1 : 0;
            } catch (DuplicateKeyException otherNode) {
                log.debug("Asset {} was reminded of by another node", asset.id());
            } catch (RuntimeException failed) {
                // one asset's failure (e.g. a process that cannot start) must not keep the others from their reminder
                log.warn("No expiry reminder for asset {}: {}", asset.id(), failed.getMessage());
            }
        }
        return opened;
    }

    private boolean remind(Due asset) {
        jdbc.update("INSERT INTO asset_reminder (asset_id, kind, due, created_at) VALUES (:id, :kind, :due, :now)",
                Map.of("id", asset.id(), "kind", asset.kind(), "due", Date.valueOf(asset.end()),
                        "now", Timestamp.from(clock.instant())));
        String what = asset.kind().equals("CONTRACT") ? "Contract" : "Warranty";
        String subject = what + " of " + asset.name() + (asset.serial() == null ? "" : " (" + asset.serial() + ")")
                + " ends on " + asset.end();
        OpenedTicket ticket = tickets.open(new NewTicket("SERVICE_REQUEST", "API",
                        subject.length() > 200 ? subject.substring(0, 200) : subject,
                        what + " of the " + asset.type() + " " + asset.name() + " ends on " + asset.end()
                                + ": renew, extend or plan its replacement.",
                        asset.owner() == null ? REMINDER.id() : asset.owner(), "LOW", "MEDIUM", null,
                        Map.of(TicketConfigurationItems.FIELD, String.valueOf(asset.id())), properties.reminderProcess()),
                REMINDER, properties.reminderQueue().isBlank() ? null : properties.reminderQueue());
        jdbc.update("UPDATE asset_reminder SET ticket_id = :t WHERE asset_id = :id AND kind = :kind AND due = :due",
                Map.of("t", ticket.ticketId(), "id", asset.id(), "kind", asset.kind(), "due", Date.valueOf(asset.end())));
        return true;
    }
}
