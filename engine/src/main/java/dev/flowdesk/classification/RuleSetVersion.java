package dev.flowdesk.classification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * One stored version of one rule set: DRL text, or a decision table together with the DRL generated from it (the
 * DRL is what runs either way). At most one version per name is ACTIVE.
 */
@Entity
@Table(name = "rule_set_version")
class RuleSetVersion {

    enum Status { DRAFT, ACTIVE, RETIRED }

    /** How the version was written: DRL text, or a decision table (stored as JSON) the DRL was generated from. */
    enum Format { DRL, TABLE }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_set_version_id")
    @SequenceGenerator(name = "rule_set_version_id", sequenceName = "rule_set_version_id_seq", allocationSize = 10)
    private Long id;
    @Column(nullable = false, length = 64)
    private String name;
    @Column(name = "rule_version", nullable = false)
    private int ruleVersion;
    @Column(nullable = false, length = 500000)
    private String drl;
    @Column(nullable = false, length = 10)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    @Column(nullable = false, length = 10)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Format format;
    @Column(name = "table_json", length = 1000000)
    private String tableJson;
    @Column(length = 1000)
    private String comment;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "activated_by", length = 64)
    private String activatedBy;
    @Column(name = "activated_at")
    private Instant activatedAt;
    @Version
    private long version;

    protected RuleSetVersion() {
    }

    RuleSetVersion(String name, int ruleVersion, String drl, String comment, String createdBy, Instant createdAt) {
        this(name, ruleVersion, Format.DRL, null, drl, comment, createdBy, createdAt);
    }

    RuleSetVersion(String name, int ruleVersion, Format format, String tableJson, String drl, String comment,
                   String createdBy, Instant createdAt) {
        this.name = name;
        this.format = format;
        this.tableJson = tableJson;
        this.ruleVersion = ruleVersion;
        this.drl = drl;
        this.comment = comment;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.status = Status.DRAFT;
    }

    void activate(String actor, Instant now) {
        status = Status.ACTIVE;
        activatedBy = actor;
        activatedAt = now;
    }

    void retire() {
        status = Status.RETIRED;
    }

    Long getId() { return id; }
    String getName() { return name; }
    int getRuleVersion() { return ruleVersion; }
    String getDrl() { return drl; }
    Format getFormat() { return format; }
    String getTableJson() { return tableJson; }
    Status getStatus() { return status; }
    String getComment() { return comment; }
    String getCreatedBy() { return createdBy; }
    Instant getCreatedAt() { return createdAt; }
    String getActivatedBy() { return activatedBy; }
    Instant getActivatedAt() { return activatedAt; }
}
