package dev.flowdesk.workflow.statistics;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketAccessPolicy;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketSummary;
import dev.flowdesk.web.PageResponse;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tickets in one activity of a process definition now (a click on the heat map), longest waiting first. A
 * designer sees which tickets they are (id, number, status, since when) because that is what a migration acts on;
 * subject and queue only of tickets inside their own access scope.
 */
@Service
public class ActivityTickets {

    private static final String FROM = " FROM ACT_HI_ACTINST a JOIN ACT_HI_PROCINST p ON p.PROC_INST_ID_ = a.PROC_INST_ID_"
            + " WHERE a.PROC_DEF_ID_ = :definitionId AND a.ACT_ID_ = :activityId AND a.END_TIME_ IS NULL";

    private final NamedParameterJdbcTemplate jdbc;
    private final RepositoryService repository;
    private final TicketQueries tickets;
    private final TicketAccessPolicy access;

    ActivityTickets(NamedParameterJdbcTemplate jdbc, RepositoryService repository, TicketQueries tickets,
                    TicketAccessPolicy access) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.tickets = tickets;
        this.access = access;
    }

    /** {@code subject}, {@code queue}: null unless the caller may see the ticket. */
    public record TicketInActivity(Long ticketId, String number, String status, String subject, String queue,
                                   String processInstanceId, Instant since) {
    }

    @Transactional(readOnly = true)
    public PageResponse<TicketInActivity> list(String definitionId, String activityId, int page, int size,
                                               CurrentUser user) {
        user.requireAny("Only process designers read process statistics.", Role.DESIGNER);
        PageResponse.check(page, size);
        if (repository.createProcessDefinitionQuery().processDefinitionId(definitionId).count() == 0) {
            throw DomainException.notFound("process definition " + definitionId);
        }
        MapSqlParameterSource params = new MapSqlParameterSource("definitionId", definitionId)
                .addValue("activityId", activityId).addValue("size", size).addValue("offset", (long) page * size);
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + FROM, params, Long.class);
        record Row(String businessKey, String processInstanceId, Instant since) {
        }
        List<Row> rows = jdbc.query("SELECT p.BUSINESS_KEY_, a.PROC_INST_ID_, a.START_TIME_" + FROM
                + " ORDER BY a.START_TIME_, a.ID_ LIMIT :size OFFSET :offset", params,
                (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        List<Long> ids = rows.stream().map(r -> ticketId(r.businessKey())).filter(java.util.Objects::nonNull).toList();
        Map<Long, TicketSummary> summaries = tickets.summaries(ids);
        List<TicketInActivity> items = new ArrayList<>();
        for (Row row : rows) {
            Long id = ticketId(row.businessKey());
            TicketSummary summary = id == null ? null : summaries.get(id);
            boolean visible = summary != null && access.maySee(id, user);
            items.add(new TicketInActivity(summary == null ? null : id, summary == null ? null : summary.number(),
                    summary == null ? null : summary.status(), visible ? summary.subject() : null,
                    visible ? summary.queue() : null, row.processInstanceId(), row.since()));
        }
        return new PageResponse<>(items, page, size, total == null ? 0 : total);
    }

    /** Tickets start their process with their id as business key ({@code TicketService}). */
    static Long ticketId(String businessKey) {
        if (businessKey == null || businessKey.isEmpty() || businessKey.length() > 18
                || !businessKey.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(businessKey);
    }
}
