package dev.flowdesk.admin;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.security.LocalPasswords;
import dev.flowdesk.security.AccountLock;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.ExternalAccounts;
import dev.flowdesk.security.Role;
import dev.flowdesk.security.UserDirectory;
import dev.flowdesk.security.audit.SecurityEventKind;
import dev.flowdesk.security.audit.SecurityEvents;
import dev.flowdesk.web.PageResponse;
import dev.flowdesk.web.StrictBody;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Users as administrators manage them: list and search, create a local account, change it, disable and enable it,
 * set a new password. Accounts of a directory or OpenID Connect provider ({@link ExternalAccounts}) are read-only
 * here except their groups: the directory owns name and e-mail and would overwrite them at the next sign-in. Roles
 * are never set on a user: they follow from her groups, as for every sign-in ({@code UserDirectory#byId}). Every
 * change is one transaction with its security events; a password hash never leaves the identity service.
 */
@Service
public class UserAdmin {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    private final IdentityService identity;
    private final LocalPasswords passwords;
    private final UserDirectory directory;
    private final ExternalAccounts external;
    private final AccountLock lock;
    private final GroupAdmin groups;
    private final SecurityEvents audit;

    UserAdmin(IdentityService identity, UserDirectory directory, ExternalAccounts external, AccountLock lock,
              GroupAdmin groups, SecurityEvents audit, LocalPasswords passwords) {
        this.passwords = passwords;
        this.identity = identity;
        this.directory = directory;
        this.external = external;
        this.lock = lock;
        this.groups = groups;
        this.audit = audit;
    }

    /** A user as administrators see her; never a password or its hash. {@code source} is null for a local account. */
    public record UserView(String id, String firstName, String lastName, String name, String email, String language,
                           String tenant, List<String> groups, Set<Role> roles, String source, boolean disabled) {
    }

    /** A new local account; the password is set only here or by an explicit reset. */
    @StrictBody
    public record NewUser(String id, String firstName, String lastName, String email, String language, String tenant,
                          List<String> groups, String password) {
    }

    /** The whole of an account's editable fields (null clears a field; {@code groups} null leaves them). */
    @StrictBody
    public record UserChange(String firstName, String lastName, String email, String language, String tenant,
                             List<String> groups) {
    }

    @StrictBody
    public record PasswordReset(String password) {
    }

    /**
     * One page of users by id; {@code q} matches the id exactly or is contained in first name, last name or e-mail
     * (any case); {@code group} keeps that group's members.
     */
    @Transactional(readOnly = true)
    public PageResponse<UserView> list(String q, String group, int page, int size) {
        PageResponse.check(page, size);
        String text = q == null ? "" : q.strip();
        if (text.length() > 100) {
            throw DomainException.invalid("q", "must be at most 100 characters");
        }
        String member = group == null || group.isBlank() ? null : group.strip();
        if (text.isEmpty()) {
            UserQuery query = filtered(identity.createUserQuery(), member);
            long total = query.count();
            List<User> users = filtered(identity.createUserQuery(), member).orderByUserId().asc()
                    .listPage(page * size, size);
            return new PageResponse<>(users.stream().map(u -> view(u.getId())).toList(), page, size, total);
        }
        // Camunda's user query has no OR: one query per field (and per case, the identity tables' LIKE is
        // case-sensitive on PostgreSQL), merged by id.
        Set<String> ids = new TreeSet<>();
        List<Function<UserQuery, UserQuery>> conditions = new ArrayList<>();
        conditions.add(query -> query.userIdIn(text));
        String plain = text.replace("\\", "").replace("%", "").replace("_", "");
        String lower = plain.toLowerCase(Locale.ROOT);
        for (String variant : new LinkedHashSet<>(List.of(plain, lower, lower.isEmpty() ? lower
                : Character.toUpperCase(lower.charAt(0)) + lower.substring(1)))) {
            String like = "%" + variant + "%";
            conditions.add(query -> query.userFirstNameLike(like));
            conditions.add(query -> query.userLastNameLike(like));
            conditions.add(query -> query.userEmailLike(like));
        }
        for (Function<UserQuery, UserQuery> condition : conditions) {
            filtered(condition.apply(identity.createUserQuery()), member).list().forEach(u -> ids.add(u.getId()));
        }
        PageResponse<String> slice = PageResponse.slice(List.copyOf(ids), page, size);
        return new PageResponse<>(slice.items().stream().map(this::view).toList(), page, size, slice.total());
    }

    @Transactional(readOnly = true)
    public UserView get(String id) {
        existing(id);
        return view(id);
    }

    @Transactional
    public UserView create(NewUser input, CurrentUser admin) {
        if (input == null) {
            throw DomainException.badRequest("a body {id, firstName, lastName, email, language, tenant, groups[],"
                    + " password} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        AdminChecks.id("id", input.id(), errors);
        Fields fields = fields(input.firstName(), input.lastName(), input.email(), input.language(), input.tenant(),
                input.groups(), errors);
        password(input.password(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        if (identity.createUserQuery().userId(input.id()).count() > 0) {
            throw DomainException.conflict("There is already a user '" + input.id() + "'.");
        }
        User user = identity.newUser(input.id());
        fields.copyTo(user);
        user.setPassword(input.password());
        identity.saveUser(user);
        setLanguage(input.id(), fields.language());
        setTenant(input.id(), null, fields.tenant(), admin);
        List<String> wanted = fields.groups() == null ? List.of() : fields.groups();
        audit.record(SecurityEventKind.USER_CREATED, admin.id(), input.id(), "groups " + wanted
                + (fields.tenant() == null ? "" : ", tenant " + fields.tenant()));
        groups.setMemberships(input.id(), wanted, admin);
        return view(input.id());
    }

    @Transactional
    public UserView update(String id, UserChange input, CurrentUser admin) {
        User user = existing(id);
        if (input == null) {
            throw DomainException.badRequest("a body {firstName, lastName, email, language, tenant, groups[]} is"
                    + " required");
        }
        List<FieldError> errors = new ArrayList<>();
        Fields fields = fields(input.firstName(), input.lastName(), input.email(), input.language(), input.tenant(),
                input.groups(), errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        UserView before = view(id);
        String source = external.source(id);
        if (source != null) {
            // the directory owns these; only the groups are the administrators'
            Fields current = new Fields(before.firstName(), before.lastName(), before.email(), before.language(),
                    before.tenant(), null);
            current.differences(fields).forEach(field -> errors.add(new FieldError(field,
                    "is set by " + source + "; only the groups of such an account are changed here")));
            if (!errors.isEmpty()) {
                throw DomainException.invalid(errors);
            }
        } else {
            Fields current = new Fields(before.firstName(), before.lastName(), before.email(), before.language(),
                    before.tenant(), null);
            List<String> changed = current.differences(fields);
            if (!changed.isEmpty()) {
                fields.copyTo(user);
                identity.saveUser(user);
                setLanguage(id, fields.language());
                setTenant(id, before.tenant(), fields.tenant(), admin);
                audit.record(SecurityEventKind.USER_CHANGED, admin.id(), id, "changed " + changed);
            }
        }
        if (fields.groups() != null) {
            groups.setMemberships(id, fields.groups(), admin);
        }
        return view(id);
    }

    @Transactional
    public UserView disable(String id, CurrentUser admin) {
        existing(id);
        if (id.equals(admin.id())) {
            throw DomainException.conflict("Administrators cannot disable their own account.");
        }
        lock.disable(id, admin.id());
        return view(id);
    }

    @Transactional
    public UserView enable(String id, CurrentUser admin) {
        existing(id);
        lock.enable(id, admin.id());
        return view(id);
    }

    /**
     * Sets a new password on a local account (an explicit reset; never part of an edit) as the user's own reset by
     * mail does ({@link LocalPasswords}): the policy applies, Camunda's login delay of earlier failures is lifted, her
     * browser sessions end and her cached sign-ins are forgotten, so whoever knew the old password is out at once.
     */
    @Transactional
    public void resetPassword(String id, PasswordReset input, CurrentUser admin) {
        User user = existing(id);
        if (external.isExternal(id)) {
            throw DomainException.invalid("password", "cannot be set: the account signs in through "
                    + external.source(id));
        }
        int sessions = passwords.change(user.getId(), input == null ? null : input.password());
        audit.record(SecurityEventKind.PASSWORD_RESET, admin.id(), id, sessions + " browser session(s) ended");
    }

    UserView view(String id) {
        CurrentUser user = directory.byId(id).orElseThrow(() -> DomainException.notFound("user " + id));
        User row = identity.createUserQuery().userId(id).singleResult();
        return new UserView(id, row.getFirstName(), row.getLastName(), user.name(), row.getEmail(),
                directory.language(id), user.tenant(), user.groups(), user.roles(), external.source(id),
                lock.isDisabled(id));
    }

    private User existing(String id) {
        User user = id == null || !AdminChecks.ID.matcher(id).matches() ? null
                : identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            throw DomainException.notFound("user " + id);
        }
        return user;
    }

    private static UserQuery filtered(UserQuery query, String group) {
        return group == null ? query : query.memberOfGroup(group);
    }

    private void setLanguage(String id, String language) {
        if (language == null) {
            identity.deleteUserInfo(id, "language");
        } else {
            identity.setUserInfo(id, "language", language);
        }
    }

    /** A user's tenant is her one tenant membership (what {@code CurrentUser.tenant()} reads). */
    private void setTenant(String id, String before, String after, CurrentUser admin) {
        if (Objects.equals(before, after)) {
            return;
        }
        identity.createTenantQuery().userMember(id).list()
                .forEach(t -> identity.deleteTenantUserMembership(t.getId(), id));
        if (after != null) {
            identity.createTenantUserMembership(after, id);
        }
        audit.record(SecurityEventKind.TENANT_CHANGED, admin.id(), id, "tenant " + (before == null ? "none" : before)
                + " -> " + (after == null ? "none" : after));
    }

    /** The same checks as every other way a password is set ({@link LocalPasswords#check}), among the others. */
    private void password(String password, List<FieldError> errors) {
        try {
            passwords.check(password);
        } catch (DomainException e) {
            errors.addAll(e.errors());
        }
    }

    private Fields fields(String firstName, String lastName, String email, String language, String tenant,
                          List<String> groupIds, List<FieldError> errors) {
        String first = AdminChecks.text("firstName", firstName, errors);
        String last = AdminChecks.text("lastName", lastName, errors);
        String mail = AdminChecks.text("email", email, errors);
        if (mail != null && (mail.length() > 254 || !EMAIL.matcher(mail).matches())) {
            errors.add(new FieldError("email", "is not an e-mail address"));
        }
        String lang = language == null || language.isBlank() ? null : language.strip().toLowerCase(Locale.ROOT);
        if (lang != null && !LANGUAGE.matcher(lang).matches()) {
            errors.add(new FieldError("language", "must be a two-letter language code (ISO 639-1)"));
        }
        String tenantId = tenant == null || tenant.isBlank() ? null : tenant.strip();
        if (tenantId != null && identity.createTenantQuery().tenantId(tenantId).count() == 0) {
            errors.add(new FieldError("tenant", "names no tenant"));
        }
        List<String> groupList = null;
        if (groupIds != null) {
            Set<String> distinct = new LinkedHashSet<>();
            for (int i = 0; i < groupIds.size(); i++) {
                String g = groupIds.get(i);
                if (g == null || identity.createGroupQuery().groupId(g).count() == 0) {
                    errors.add(new FieldError("groups[" + i + "]", "names no group"));
                } else {
                    distinct.add(g);
                }
            }
            groupList = List.copyOf(distinct);
        }
        return new Fields(first, last, mail, lang, tenantId, groupList);
    }

    private record Fields(String firstName, String lastName, String email, String language, String tenant,
                          List<String> groups) {

        void copyTo(User user) {
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
        }

        /** The names of the fields (not groups) whose values differ. */
        List<String> differences(Fields other) {
            List<String> names = new ArrayList<>();
            if (!Objects.equals(blankless(firstName), other.firstName)) {
                names.add("firstName");
            }
            if (!Objects.equals(blankless(lastName), other.lastName)) {
                names.add("lastName");
            }
            if (!Objects.equals(blankless(email), other.email)) {
                names.add("email");
            }
            if (!Objects.equals(language, other.language)) {
                names.add("language");
            }
            if (!Objects.equals(tenant, other.tenant)) {
                names.add("tenant");
            }
            return names;
        }

        private static String blankless(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
