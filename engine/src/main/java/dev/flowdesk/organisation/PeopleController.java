package dev.flowdesk.organisation;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.CurrentUsers;
import dev.flowdesk.security.Role;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The people and groups agents pick from: the requester of a ticket opened for a caller, the agent or group a task
 * is handed to. Agents only (requesters never see who else uses the desk); answers carry id, name and e-mail, never
 * more. Inside the tenant (issue 15): an agent of tenant A finds only A's users and A's or shared groups
 * ({@link PeopleScope}); the desk's own staff find everyone.
 */
@RestController
class PeopleController {

    private static final int MAX = 20;

    private final IdentityService identity;
    private final PeopleScope scope;

    PeopleController(IdentityService identity, PeopleScope scope) {
        this.identity = identity;
        this.scope = scope;
    }

    record Person(String id, String name, String email) {
    }

    record Team(String id, String name) {
    }

    /**
     * Users whose id, first name, last name or e-mail contains {@code q} (any case), optionally only members of
     * {@code group}; at most 20, by name.
     */
    @GetMapping("/api/users")
    List<Person> users(@RequestParam(required = false) String q, @RequestParam(required = false) String group) {
        CurrentUser caller = CurrentUsers.require();
        caller.requireAny("Only agents look people up.", Role.AGENT);
        String text = q == null ? "" : q.strip();
        if (text.length() > 100) {
            throw DomainException.invalid("q", "must be at most 100 characters");
        }
        Map<String, User> found = new LinkedHashMap<>();
        List<Function<UserQuery, UserQuery>> conditions = new ArrayList<>();
        if (text.isEmpty()) {
            conditions.add(query -> query);
        } else {
            conditions.add(query -> query.userIdIn(text));
            // the identity tables' LIKE is case-sensitive on PostgreSQL: as typed, lower case and Capitalised
            String plain = text.replace("\\", "").replace("%", "").replace("_", "");
            String lower = plain.toLowerCase(Locale.ROOT);
            for (String variant : new java.util.LinkedHashSet<>(List.of(plain, lower, lower.isEmpty() ? lower
                    : Character.toUpperCase(lower.charAt(0)) + lower.substring(1)))) {
                String like = "%" + variant + "%";
                conditions.add(query -> query.userFirstNameLike(like));
                conditions.add(query -> query.userLastNameLike(like));
                conditions.add(query -> query.userEmailLike(like));
            }
        }
        for (Function<UserQuery, UserQuery> condition : conditions) {
            UserQuery query = condition.apply(identity.createUserQuery());
            if (group != null && !group.isBlank()) {
                query = query.memberOfGroup(group.strip());
            }
            if (!TenantScope.seesEveryTenant(caller)) {
                // no tenant (a requester) finds nobody: people of no tenant are not hers to see either
                query = query.memberOfTenant(caller.tenant() == null ? "" : caller.tenant());
            }
            for (User user : query.orderByUserLastName().asc().listPage(0, MAX)) {
                found.putIfAbsent(user.getId(), user);
            }
        }
        List<Person> people = new ArrayList<>();
        for (User user : found.values()) {
            people.add(new Person(user.getId(), name(user), user.getEmail()));
        }
        people.sort(Comparator.comparing(p -> p.name().toLowerCase(Locale.ROOT)));
        return people.size() > MAX ? people.subList(0, MAX) : people;
    }

    /** The agent groups (queues) a task can be handed to. */
    @GetMapping("/api/groups")
    List<Team> groups() {
        CurrentUser caller = CurrentUsers.require();
        caller.requireAny("Only agents look groups up.", Role.AGENT);
        return identity.createGroupQuery().groupType("agent").orderByGroupName().asc().list().stream()
                .filter(g -> scope.admitsGroup(caller, g.getId()))
                .map((Group g) -> new Team(g.getId(), g.getName() == null ? g.getId() : g.getName())).toList();
    }

    private static String name(User user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? user.getId() : name;
    }
}
