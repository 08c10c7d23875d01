package dev.flowdesk.form;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One saved version of a designer's form (never changed afterwards: a new save is a new version). */
@Entity
@Immutable
@Table(name = "form_definition")
class StoredForm {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "form_definition_id")
    @SequenceGenerator(name = "form_definition_id", sequenceName = "form_definition_id_seq", allocationSize = 10)
    private Long id;
    @Column(name = "form_key", nullable = false, length = 64)
    private String formKey;
    @Column(name = "form_version", nullable = false)
    private int formVersion;
    @Column(nullable = false, length = 1000000)
    private String definition;
    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    /** The tenant whose users alone are offered this version (null: everyone its access property admits). */
    @Column(length = 64)
    private String tenant;
    @Column(length = 1000)
    private String comment;

    protected StoredForm() {
    }

    StoredForm(String formKey, int formVersion, String definition, String createdBy, Instant createdAt,
               String tenant, String comment) {
        this.tenant = tenant;
        this.comment = comment;
        this.formKey = formKey;
        this.formVersion = formVersion;
        this.definition = definition;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    Long getId() { return id; }
    String getFormKey() { return formKey; }
    int getFormVersion() { return formVersion; }
    String getDefinition() { return definition; }
    String getCreatedBy() { return createdBy; }
    Instant getCreatedAt() { return createdAt; }
    String getTenant() { return tenant; }
    String getComment() { return comment; }
}
