package dev.flowdesk.admin;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.security.AccountLock;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import dev.flowdesk.web.StrictBody;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Groups and the role each grants. The one mechanism stays as it was: a Camunda group's {@code type} ("agent",
 * "approver", "designer", "admin") grants that role to its members, and {@code camunda-admin} makes administrators
 * (see {@link Role}); this class only edits groups and memberships through the identity service. A change that
 * would leave nobody able to administer Flowdesk (no enabled member of an admin group) is refused with 409 and
 * rolls back. Membership and role changes are {@code ROLE_CHANGED} security events.
 */
@Service
public class GroupAdmin {

    /** Camunda's administrators' group: administrators by its id, whatever its type. */
    static final String CAMUNDA_ADMIN = "camunda-admin";

    private final IdentityService identity;
    private final AccountLock lock;
    private final SecurityEvents audit;

    GroupAdmin(IdentityService identity, AccountLock lock, SecurityEvents audit) {
        this.identity = identity;
        this.lock = lock;
        this.audit = audit;
    }

    /** A group: the role it grants (null: none) and how many members it has. */
    public record GroupView(String id, String name, Role role, long members) {
    }

    public record Member(String id, String name, String email) {
    }

    /** One group with its members. */
    public record GroupDetail(String id, String name, Role role, List<Member> members) {
    }

    @StrictBody
    public record NewGroup(String id, String name, String role) {
    }

    @StrictBody
    public record GroupChange(String name, String role) {
    }

    @StrictBody
    public record NewMember(String userId) {
    }

    @Transactional(readOnly = true)
    public List<GroupView> list() {
        return identity.createGroupQuery().orderByGroupId().asc().list().stream().map(g -> new GroupView(g.getId(),
                name(g), role(g), identity.createUserQuery().memberOfGroup(g.getId()).count())).toList();
    }

    @Transactional(readOnly = true)
    public GroupDetail get(String id) {
        Group group = existing(id);
        List<Member> members = identity.createUserQuery().memberOfGroup(id).orderByUserId().asc().list().stream()
                .map(u -> new Member(u.getId(), name(u), u.getEmail())).toList();
        return new GroupDetail(group.getId(), name(group), role(group), members);
    }

    @Transactional
    public GroupDetail create(NewGroup input, CurrentUser admin) {
        if (input == null) {
            throw DomainException.badRequest("a body {id, name, role} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        AdminChecks.id("id", input.id(), errors);
        String name = AdminChecks.text("name", input.name(), errors);
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        }
        Role role = parseRole(input.role(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (identity.createGroupQuery().groupId(input.id()).count() > 0) {
            throw DomainException.conflict("There is already a group '" + input.id() + "'.");
        }
        Group group = identity.newGroup(input.id());
        group.setName(name);
        group.setType(type(role));
        identity.saveGroup(group);
        audit.record(SecurityEventKind.GROUP_CHANGED, admin.id(), "group:" + input.id(), "created \"" + name
                + "\", grants " + (role == null ? "no role" : role));
        return get(input.id());
    }

    @Transactional
    public GroupDetail update(String id, GroupChange input, CurrentUser admin) {
        Group group = existing(id);
        if (input == null) {
            throw DomainException.badRequest("a body {name, role} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = AdminChecks.text("name", input.name(), errors);
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        }
        Role role = parseRole(input.role(), errors);
        if (CAMUNDA_ADMIN.equals(id) && role != Role.ADMIN) {
            errors.add(new FieldError("role", "of " + CAMUNDA_ADMIN + " is ADMIN: Camunda's own administrators"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        Role before = role(group);
        if (!Objects.equals(name, group.getName())) {
            audit.record(SecurityEventKind.GROUP_CHANGED, admin.id(), "group:" + id, "renamed \"" + name(group)
                    + "\" -> \"" + name + "\"");
        }
        group.setName(name);
        group.setType(type(role));
        identity.saveGroup(group);
        if (before != role) {
            audit.record(SecurityEventKind.ROLE_CHANGED, admin.id(), "group:" + id, "grants "
                    + (role == null ? "no role" : role) + " instead of " + (before == null ? "no role" : before)
                    + " to " + identity.createUserQuery().memberOfGroup(id).count() + " members");
            requireAnAdministrator();
        }
        return get(id);
    }

    @Transactional
    public GroupDetail addMember(String groupId, NewMember input, CurrentUser admin) {
        existing(groupId);
        String userId = input == null ? null : input.userId();
        if (userId == null || identity.createUserQuery().userId(userId).count() == 0) {
            throw DomainException.invalid("userId", "names no user");
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
            audit.record(SecurityEventKind.ROLE_CHANGED, admin.id(), userId, "joined " + groupId);
        }
        return get(groupId);
    }

    @Transactional
    public GroupDetail removeMember(String groupId, String userId, CurrentUser admin) {
        existing(groupId);
        if (userId == null || identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            throw DomainException.notFound("member " + userId + " of group " + groupId);
        }
        identity.deleteMembership(userId, groupId);
        audit.record(SecurityEventKind.ROLE_CHANGED, admin.id(), userId, "left " + groupId);
        requireAnAdministrator();
        return get(groupId);
    }

    /** Makes the user a member of exactly these (existing) groups, recording each join and leave. */
    @Transactional
    public void setMemberships(String userId, List<String> wanted, CurrentUser admin) {
        Set<String> current = new HashSet<>();
        identity.createGroupQuery().groupMember(userId).list().forEach(g -> current.add(g.getId()));
        for (String group : wanted) {
            if (!current.contains(group)) {
                identity.createMembership(userId, group);
                audit.record(SecurityEventKind.ROLE_CHANGED, admin.id(), userId, "joined " + group);
            }
        }
        for (String group : current) {
            if (!wanted.contains(group)) {
                identity.deleteMembership(userId, group);
                audit.record(SecurityEventKind.ROLE_CHANGED, admin.id(), userId, "left " + group);
            }
        }
        requireAnAdministrator();
    }

    /** 409 (and so a rollback) when no enabled user would be an administrator any more. */
    private void requireAnAdministrator() {
        for (Group group : identity.createGroupQuery().list()) {
            if (role(group) == Role.ADMIN) {
                for (User user : identity.createUserQuery().memberOfGroup(group.getId()).list()) {
                    if (!lock.isDisabled(user.getId())) {
                        return;
                    }
                }
            }
        }
        throw DomainException.conflict("This change would leave Flowdesk without an administrator.");
    }

    private Group existing(String id) {
        Group group = id == null || !AdminChecks.ID.matcher(id).matches() ? null
                : identity.createGroupQuery().groupId(id).singleResult();
        if (group == null) {
            throw DomainException.notFound("group " + id);
        }
        return group;
    }

    /** The role a group grants: its type as {@code CamundaIdentityAuthenticationProvider#load} reads it. */
    static Role role(Group group) {
        if (CAMUNDA_ADMIN.equals(group.getId())) {
            return Role.ADMIN;
        }
        String type = group.getType() == null ? "" : group.getType().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "agent" -> Role.AGENT;
            case "approver" -> Role.APPROVER;
            case "designer" -> Role.DESIGNER;
            case "admin" -> Role.ADMIN;
            default -> null;
        };
    }

    private static Role parseRole(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Role role = Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
            if (role == Role.USER) {
                errors.add(new FieldError("role", "USER is everyone's; a group grants AGENT, APPROVER, DESIGNER,"
                        + " ADMIN or none"));
            }
            return role == Role.USER ? null : role;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("role", "is none of AGENT, APPROVER, DESIGNER, ADMIN (or empty: none)"));
            return null;
        }
    }

    private static String type(Role role) {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }

    private static String name(Group group) {
        return group.getName() == null ? group.getId() : group.getName();
    }

    static String name(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? user.getId() : name;
    }
}
