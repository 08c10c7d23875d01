package dev.flowdesk.organisation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

/**
 * Demo profile only: the organisation of the demo's second tenant, Acme Corp (tenant {@code acme}, domain
 * {@code acme.example}), whose requester hank and agent ines the demo users include. Their tickets, contacts and
 * assets stay within the tenant; the desk's own staff see them, alice does not.
 */
@Component
@ConditionalOnProperty(name = "flowdesk.demo.enabled", havingValue = "true")
class DemoTenant {

    static final String NAME = "Acme Corp";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    DemoTenant(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener(ContextRefreshedEvent.class)
    @Order(1) // after the demo users and their tenant (security.IdentityBootstrap)
    void seed() {
        Integer existing = jdbc.queryForObject("SELECT count(*) FROM organisation WHERE name = :name",
                Map.of("name", NAME), Integer.class);
        if (existing != null && existing > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO organisation (name, tier, tenant, version, created_at, updated_at)"
                    + " VALUES (:name, 'STANDARD', 'acme', 0, :now, :now)", new MapSqlParameterSource()
                    .addValue("name", NAME).addValue("now", Timestamp.from(clock.instant())));
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return;
        }
        jdbc.update("INSERT INTO organisation_domain (domain, organisation_id)"
                + " SELECT 'acme.example', id FROM organisation WHERE name = :name", Map.of("name", NAME));
    }
}
