package dev.flowdesk.admin;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.mail.admin.MailboxAdmin;
import dev.flowdesk.organisation.Organisations;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import dev.flowdesk.sla.CalendarAdmin;
import dev.flowdesk.web.StrictBody;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queues and tenants as administrators see them. A queue is an agent group with the business calendar its tickets'
 * SLAs follow ({@code sla.CalendarAdmin}, where the assignment is made) and the mailboxes that open tickets in it
 * ({@code mail.admin.MailboxAdmin}); this class only puts the three together. A tenant is a Camunda tenant with the
 * organisations ({@code organisation.Organisations}) and users that belong to it.
 */
@Service
public class DeskOverview {

    private final IdentityService identity;
    private final CalendarAdmin calendars;
    private final MailboxAdmin mailboxes;
    private final Organisations organisations;
    private final SecurityEvents audit;

    DeskOverview(IdentityService identity, CalendarAdmin calendars, MailboxAdmin mailboxes,
                 Organisations organisations, SecurityEvents audit) {
        this.identity = identity;
        this.calendars = calendars;
        this.mailboxes = mailboxes;
        this.organisations = organisations;
        this.audit = audit;
    }

    /** A queue: its agents, its calendar (null: the standard {@code flowdesk.sla.*} one) and its mailboxes. */
    public record QueueView(String id, String name, long agents, CalendarRef calendar, List<MailboxRef> mailboxes) {
    }

    public record CalendarRef(long id, String name) {
    }

    public record MailboxRef(long id, String address, boolean enabled) {
    }

    public record TenantView(String id, String name, long organisations, long users) {
    }

    @StrictBody
    public record NewTenant(String id, String name) {
    }

    @Transactional(readOnly = true)
    public List<QueueView> queues(CurrentUser admin) {
        Map<String, CalendarRef> calendarOf = new HashMap<>();
        for (CalendarAdmin.CalendarView calendar : calendars.list(admin)) {
            calendar.queues().forEach(q -> calendarOf.put(q, new CalendarRef(calendar.id(), calendar.name())));
        }
        Map<String, List<MailboxRef>> mailboxesOf = new HashMap<>();
        for (MailboxAdmin.MailboxView mailbox : mailboxes.list(admin)) {
            if (mailbox.queue() != null) {
                mailboxesOf.computeIfAbsent(mailbox.queue(), q -> new ArrayList<>())
                        .add(new MailboxRef(mailbox.id(), mailbox.address(), mailbox.enabled()));
            }
        }
        return identity.createGroupQuery().groupType("agent").orderByGroupId().asc().list().stream()
                .map(g -> new QueueView(g.getId(), g.getName() == null ? g.getId() : g.getName(),
                        identity.createUserQuery().memberOfGroup(g.getId()).count(), calendarOf.get(g.getId()),
                        mailboxesOf.getOrDefault(g.getId(), List.of())))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<TenantView> tenants(CurrentUser admin) {
        Map<String, Long> organisationsOf = organisations.countByTenant(admin);
        return identity.createTenantQuery().orderByTenantId().asc().list().stream().map(t -> view(t, organisationsOf))
                .toList();
    }

    @Transactional
    public TenantView createTenant(NewTenant input, CurrentUser admin) {
        if (input == null) {
            throw DomainException.badRequest("a body {id, name} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        AdminChecks.id("id", input.id(), errors);
        String name = AdminChecks.text("name", input.name(), errors);
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (identity.createTenantQuery().tenantId(input.id()).count() > 0) {
            throw DomainException.conflict("There is already a tenant '" + input.id() + "'.");
        }
        Tenant tenant = identity.newTenant(input.id());
        tenant.setName(name);
        identity.saveTenant(tenant);
        audit.record(SecurityEventKind.TENANT_CHANGED, admin.id(), "tenant:" + input.id(), "created \"" + name + "\"");
        return view(tenant, Map.of());
    }

    private TenantView view(Tenant tenant, Map<String, Long> organisationsOf) {
        return new TenantView(tenant.getId(), tenant.getName() == null ? tenant.getId() : tenant.getName(),
                organisationsOf.getOrDefault(tenant.getId(), 0L),
                identity.createUserQuery().memberOfTenant(tenant.getId()).count());
    }
}
