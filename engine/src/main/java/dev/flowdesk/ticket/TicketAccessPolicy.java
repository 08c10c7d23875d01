package dev.flowdesk.ticket;

import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketViews.LinkView;
import dev.flowdesk.error.DomainException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * Whether a user may read one ticket: the {@link TicketAccessScope} (requester, queue, assignee, admin), or an open
 * task of the ticket offered to them. Everything that shows one ticket (detail, history, conversation, links,
 * downloads) asks here; a ticket outside answers 404 so that ids cannot be probed.
 */
@Component
public class TicketAccessPolicy {

    private final TicketRepository tickets;
    private final org.camunda.bpm.engine.TaskService tasks;

    TicketAccessPolicy(TicketRepository tickets, org.camunda.bpm.engine.TaskService tasks) {
        this.tickets = tickets;
        this.tasks = tasks;
    }

    /** May this user see that ticket? (False as well when it does not exist.) */
    @Transactional(readOnly = true)
    public boolean maySee(long id, CurrentUser user) {
        return tickets.findById(id).filter(t -> maySee(user, t)).isPresent();
    }

    /**
     * The ticket access scope as SQL over the table {@code ticket} under the alias {@code t}, for features that count
     * tickets beside their own records (the asset statistics): the same rule that lists and reports use.
     */
    public String scopeSql(CurrentUser user, org.springframework.jdbc.core.namedparam.MapSqlParameterSource params) {
        return TicketAccessScope.sql(user, params);
    }

    /** The ticket if the user may see it, else 404 (whether it exists or not). */
    Ticket visible(long id, CurrentUser user) {
        return tickets.findById(id).filter(t -> maySee(user, t))
                .orElseThrow(() -> DomainException.notFound("ticket " + id));
    }

    boolean maySee(CurrentUser user, Ticket ticket) {
        return TicketAccessScope.maySee(user, ticket)
                || TicketAccessScope.tenantAdmits(user, ticket) && hasTaskFor(user, ticket);
    }

    /** The links and children the user may open; the others are not even named. */
    List<LinkView> visibleLinks(List<LinkView> links, CurrentUser user) {
        return links.stream().filter(l -> tickets.findById(l.ticketId()).filter(t -> maySee(user, t)).isPresent())
                .toList();
    }

    /**
     * An agent who may work on one of the ticket's open tasks may read the ticket, even outside their queues: an
     * escalation or an approval offers the task to another group, and that group must see what it is deciding.
     */
    private boolean hasTaskFor(CurrentUser user, Ticket ticket) {
        if (!user.isAgent() && !user.has(Role.APPROVER) || ticket.getProcessInstanceId() == null) {
            return false;
        }
        // Approval votes and sub-flows run in called process instances; they carry the ticket id as a variable.
        var query = tasks.createTaskQuery().processVariableValueEquals("ticketId", ticket.getId()).active().or()
                .taskAssignee(user.id()).taskCandidateUser(user.id());
        if (!user.groups().isEmpty()) {
            query.taskCandidateGroupIn(user.groups());
        }
        return query.endOr().count() > 0;
    }
}
