package dev.flowdesk.security;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.flowdesk.PostgresEngineTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetAddress;

/**
 * Base of the tests of directory and identity-provider sign-in: the whole application over PostgreSQL (one context
 * shared by the subclasses), beside a real LDAP directory (UnboundID's in-memory server on loopback) that the
 * tests start, fill and change, and a real OpenID Connect provider on loopback (NAV's mock-oauth2-server: discovery,
 * authorization endpoint, token endpoint, signed ID tokens, JWKS) registered as {@code corp}.
 */
abstract class DirectoryServers extends PostgresEngineTest {

    static final String BASE = "dc=example,dc=com";
    static final InMemoryDirectoryServer DIRECTORY = startDirectory();
    static final no.nav.security.mock.oauth2.MockOAuth2Server PROVIDER = startProvider();
    static final String ISSUER = "corp";

    @DynamicPropertySource
    static void identityProviders(DynamicPropertyRegistry registry) {
        registry.add("flowdesk.ldap.url", () -> "ldap://127.0.0.1:" + DIRECTORY.getListenPort() + "/" + BASE);
        registry.add("flowdesk.ldap.manager-dn", () -> "cn=reader," + BASE);
        registry.add("flowdesk.ldap.manager-password", () -> "reader-secret");
        registry.add("flowdesk.ldap.user-search-base", () -> "ou=people");
        registry.add("flowdesk.ldap.group-search-base", () -> "ou=groups");
        registry.add("flowdesk.ldap.group-mapping.helpdesk", () -> "service-desk");
        registry.add("flowdesk.ldap.group-mapping.it-admins", () -> "camunda-admin");
        registry.add("flowdesk.ldap.group-mapping.field", () -> "field-service,network");
        registry.add("spring.security.oauth2.client.registration.corp.client-id", () -> "flowdesk");
        registry.add("spring.security.oauth2.client.registration.corp.client-secret", () -> "test-client-secret");
        registry.add("spring.security.oauth2.client.registration.corp.scope", () -> "openid,profile,email");
        registry.add("spring.security.oauth2.client.provider.corp.issuer-uri",
                () -> PROVIDER.issuerUrl(ISSUER).toString());
        registry.add("flowdesk.oidc.group-mapping.support", () -> "service-desk");
        registry.add("flowdesk.oidc.group-mapping.designers", () -> "designers");
        registry.add("flowdesk.security.totp.required-roles", () -> "DESIGNER");
        // every request checks the directory again, so tests see a changed membership at once
        registry.add("flowdesk.security.credential-cache", () -> "0s");
    }

    private static no.nav.security.mock.oauth2.MockOAuth2Server startProvider() {
        var server = new no.nav.security.mock.oauth2.MockOAuth2Server();
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    private static InMemoryDirectoryServer startDirectory() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.addAdditionalBindCredentials("cn=reader," + BASE, "reader-secret");
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback",
                    InetAddress.getLoopbackAddress(), 0, null));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.add("dn: " + BASE, "objectClass: domain", "dc: example");
            server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
            server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
            person(server, "erin", "Erin", "Directory", "erin@corp.example.com", "erin-secret");
            person(server, "gwen", "Gwen", "Requester", "gwen@corp.example.com", "gwen-secret");
            // the same id as a local demo account: the directory must not take it over
            person(server, "bob", "Bogus", "Bob", "bogus-bob@corp.example.com", "directory-bob");
            group(server, "helpdesk", "erin");
            group(server, "it-admins", "bob");
            group(server, "field");
            server.startListening();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void person(InMemoryDirectoryServer server, String uid, String first, String last, String mail,
                       String password) throws Exception {
        server.add("dn: uid=" + uid + ",ou=people," + BASE, "objectClass: inetOrgPerson", "uid: " + uid,
                "cn: " + first + " " + last, "givenName: " + first, "sn: " + last, "mail: " + mail,
                "userPassword: " + password);
    }

    static void group(InMemoryDirectoryServer server, String cn, String... members) throws Exception {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                "dn: cn=" + cn + ",ou=groups," + BASE, "objectClass: groupOfNames", "cn: " + cn));
        // groupOfNames needs a member; the group's own DN stands in for "nobody"
        lines.add("member: " + (members.length == 0 ? "cn=" + cn + ",ou=groups," + BASE : ""));
        if (members.length > 0) {
            lines.remove(lines.size() - 1);
            for (String member : members) {
                lines.add("member: uid=" + member + ",ou=people," + BASE);
            }
        }
        server.add(lines.toArray(String[]::new));
    }
}
