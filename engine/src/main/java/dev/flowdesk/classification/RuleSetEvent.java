package dev.flowdesk.classification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One step in a rule set's life (append-only): UPLOADED, REFUSED, TESTED, REPLAYED, ACTIVATED. */
@Entity
@Immutable
@Table(name = "rule_set_event")
class RuleSetEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_set_event_id")
    @SequenceGenerator(name = "rule_set_event_id", sequenceName = "rule_set_event_id_seq", allocationSize = 10)
    private Long id;
    @Column(nullable = false, length = 64)
    private String name;
    @Column(name = "rule_version")
    private Integer ruleVersion;
    @Column(nullable = false)
    private Instant at;
    @Column(nullable = false, length = 64)
    private String actor;
    @Column(nullable = false, length = 20)
    private String type;
    @Column(nullable = false, length = 4000)
    private String detail;

    protected RuleSetEvent() {
    }

    RuleSetEvent(String name, Integer ruleVersion, Instant at, String actor, String type, String detail) {
        this.name = name;
        this.ruleVersion = ruleVersion;
        this.at = at;
        this.actor = actor;
        this.type = type;
        this.detail = detail.length() > 4000 ? detail.substring(0, 4000) : detail;
    }

    Integer getRuleVersion() { return ruleVersion; }
    Instant getAt() { return at; }
    String getActor() { return actor; }
    String getType() { return type; }
    String getDetail() { return detail; }
}
