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

/** A form that ended without a ticket (self-service deflection), kept for statistics. */
@Entity
@Immutable
@Table(name = "form_deflection")
class FormDeflection {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "form_deflection_id")
    @SequenceGenerator(name = "form_deflection_id", sequenceName = "form_deflection_id_seq", allocationSize = 10)
    private Long id;
    @Column(name = "form_key", nullable = false, length = 64)
    private String formKey;
    @Column(name = "form_version", nullable = false)
    private int formVersion;
    @Column(name = "submitted_by", length = 254)
    private String submittedBy;
    @Column(nullable = false)
    private Instant at;
    @Column(name = "kb_article_id")
    private Long kbArticleId;

    protected FormDeflection() {
    }

    FormDeflection(String formKey, int formVersion, String submittedBy, Instant at) {
        this.formKey = formKey;
        this.formVersion = formVersion;
        this.submittedBy = submittedBy;
        this.at = at;
    }

    /** A deflection by a knowledge base article the requester said solved their problem. */
    FormDeflection(String formKey, int formVersion, String submittedBy, Instant at, Long kbArticleId) {
        this(formKey, formVersion, submittedBy, at);
        this.kbArticleId = kbArticleId;
    }
}
