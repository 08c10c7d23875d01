package dev.flowdesk.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

import java.util.List;

/**
 * Makes sure that Flowdesk can be administered after start-up. In the {@code demo} profile it seeds the demo users of
 * the API contract (password "demo"); otherwise it creates the configured bootstrap administrator, or refuses to
 * start when there is no administrator at all: a production install must never ship with a built-in password.
 */
@Configuration
@EnableConfigurationProperties({SecurityProperties.class, IdentityBootstrap.DemoProperties.class})
class IdentityBootstrap {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
    static final int MIN_ADMIN_PASSWORD_LENGTH = 12;
    /** The demo's second tenant and its agents' queue. */
    static final String ACME = "acme";
    static final String ACME_DESK = "acme-service-desk";

    private final IdentityService identity;
    private final SecurityProperties properties;
    private final DemoProperties demo;

    IdentityBootstrap(IdentityService identity, SecurityProperties properties, DemoProperties demo) {
        this.identity = identity;
        this.properties = properties;
        this.demo = demo;
    }

    /** {@code flowdesk.demo.enabled}: set by the demo profile only. */
    @ConfigurationProperties("flowdesk.demo")
    record DemoProperties(boolean enabled) {
    }

    @EventListener(ContextRefreshedEvent.class)
    @Order(0)
    void ensureAdministrator() {
        if (demo.enabled()) {
            seedDemo();
        }
        SecurityProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (admin.configured() && identity.createUserQuery().userId(admin.id()).count() == 0) {
            if (admin.password().length() < MIN_ADMIN_PASSWORD_LENGTH) {
                throw new IllegalStateException("FLOWDESK_ADMIN_PASSWORD must have at least "
                        + MIN_ADMIN_PASSWORD_LENGTH + " characters.");
            }
            var policy = identity.checkPasswordAgainstPolicy(admin.password());
            if (!policy.isValid()) {
                throw new IllegalStateException("FLOWDESK_ADMIN_PASSWORD does not meet the password policy: "
                        + policy.getViolatedRules().stream().map(r -> r.getPlaceholder()
                                + (r.getParameters() == null ? "" : " " + r.getParameters()))
                        .toList());
            }
            group("camunda-admin", "Administrators", "admin");
            user(admin.id(), "Flowdesk", "Administrator", null, admin.password(), List.of("camunda-admin"));
            log.info("Created bootstrap administrator '{}'", admin.id());
        }
        if (identity.createUserQuery().memberOfGroup(CamundaIdentityAuthenticationProvider.CAMUNDA_ADMIN_GROUP)
                .count() == 0) {
            throw new IllegalStateException("""
                    No Flowdesk administrator is configured. Set FLOWDESK_ADMIN_USER and FLOWDESK_ADMIN_PASSWORD \
                    (12+ characters) for the first start, or start the embedded demo with --spring.profiles.active=demo.""");
        }
    }

    private void seedDemo() {
        group("camunda-admin", "Administrators", "admin");
        group("service-desk", "Service desk", "agent");
        group("dispatcher", "Dispatcher", "agent");
        group("field-service", "Field service", "agent");
        group("network", "Network team", "agent");
        group("change-advisory-board", "Change advisory board", "approver");
        group("designers", "Process designers", "designer");
        group("service-approvers", "Service approvers", "approver");
        group("cab-deputies", "CAB deputies", "approver");
        group("major-incident", "Major-incident managers", "agent");
        group("service-desk-leads", "Service desk leads (escalations)", "agent");
        // No type: membership grants no role, only the permission to upload DRL text (see CurrentUser).
        boolean ruleDevelopersAreNew = group(CurrentUser.RULE_DEVELOPER_GROUP, "Rule developers (raw DRL upload)",
                null);
        user("alice", "Alice", "Requester", "alice@example.com", "demo", List.of());
        user("bob", "Bob", "Agent", "bob@example.com", "demo", List.of("service-desk", "dispatcher"));
        user("frank", "Frank", "Fieldagent", "frank@example.com", "demo", List.of("field-service", "network"));
        user("carol", "Carol", "Approver", "carol@example.com", "demo", List.of("change-advisory-board"));
        // Two-of-three CAB votes need at least three members besides the requester and the implementer.
        user("chris", "Chris", "Approver", "chris@example.com", "demo", List.of("change-advisory-board"));
        user("cleo", "Cleo", "Approver", "cleo@example.com", "demo", List.of("change-advisory-board"));
        user("dave", "Dave", "Approver", "dave@example.com", "demo", List.of("change-advisory-board"));
        user("sam", "Sam", "Approver", "sam@example.com", "demo", List.of("service-approvers", "cab-deputies"));
        user("lena", "Lena", "Lead", "lena@example.com", "demo", List.of("service-desk-leads", "major-incident"));
        user("dora", "Dora", "Designer", "dora@example.com", "demo", List.of("designers",
                CurrentUser.RULE_DEVELOPER_GROUP));
        user("admin", "Ada", "Admin", "admin@example.com", "demo", List.of("camunda-admin"));
        // A second tenant (issues 13 and 15): Acme has its own organisation (organisation.DemoTenant), its own
        // service desk queue (the shipped routing sends tenant acme there) and sees nothing of the desk's own.
        group(ACME_DESK, "Acme service desk", "agent");
        user("hank", "Hank", "Acme", "hank@acme.example", "demo", List.of());
        user("ines", "Ines", "Acmeagent", "ines@acme.example", "demo", List.of(ACME_DESK));
        tenant(ACME, "Acme Corp", List.of("hank", "ines"));
        if (ruleDevelopersAreNew && identity.createUserQuery().userId("dora").memberOfGroup(
                CurrentUser.RULE_DEVELOPER_GROUP).count() == 0) {
            // A demo database from before the group existed: dora keeps uploading DRL as she did.
            identity.createMembership("dora", CurrentUser.RULE_DEVELOPER_GROUP);
        }
    }

    /** Creates the Camunda tenant unless it exists and makes the users members (what CurrentUser.tenant() reads). */
    private void tenant(String id, String name, List<String> members) {
        if (identity.createTenantQuery().tenantId(id).count() == 0) {
            var tenant = identity.newTenant(id);
            tenant.setName(name);
            identity.saveTenant(tenant);
        }
        for (String member : members) {
            if (identity.createTenantQuery().tenantId(id).userMember(member).count() == 0) {
                identity.createTenantUserMembership(id, member);
            }
        }
    }

    /** Creates the group unless it exists; true if it was created now. */
    private boolean group(String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() > 0) {
            return false;
        }
        Group group = identity.newGroup(id);
        group.setName(name);
        group.setType(type);
        identity.saveGroup(group);
        return true;
    }

    private void user(String id, String first, String last, String email, String password, List<String> groups) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setFirstName(first);
        user.setLastName(last);
        user.setEmail(email);
        user.setPassword(password);
        identity.saveUser(user);
        groups.forEach(g -> identity.createMembership(id, g));
    }
}
