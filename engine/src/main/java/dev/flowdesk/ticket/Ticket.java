package dev.flowdesk.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * A ticket: the system of record for ticket data. Where the ticket stands in its flow is the process instance's
 * business; {@link #status} mirrors the model's {@code ticketStatus} property of the current activity.
 */
@Entity
@Table(name = "ticket")
@EntityListeners({TicketInboxListener.class, TicketFiguresListener.class})
public class Ticket {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_id")
    @SequenceGenerator(name = "ticket_id", sequenceName = "ticket_id_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, unique = true, length = 20)
    private String number;
    @Column(nullable = false, length = 30)
    private String type;
    @Column(nullable = false, length = 20)
    private String channel;
    @Column(nullable = false, length = 200)
    private String subject;
    @Column(nullable = false, length = 100000)
    private String description;
    @Column(nullable = false, length = 40)
    private String status;
    @Column(nullable = false, length = 2)
    private String priority;
    @Column(nullable = false, length = 10)
    private String impact;
    @Column(nullable = false, length = 10)
    private String urgency;
    @Column(nullable = false, length = 60)
    private String category;
    @Column(nullable = false, length = 64)
    private String queue;
    @Column(nullable = false, length = 254)
    private String requester;
    @Column(length = 64)
    private String assignee;
    @Column(length = 100000)
    private String resolution;
    @Column(name = "category_hint", length = 60)
    private String categoryHint;
    @Column(name = "fields_json", nullable = false, length = 100000)
    private String fieldsJson = "{}";
    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;
    @Column(name = "rule_set_version", length = 200)
    private String ruleSetVersion;
    @Column(name = "rules_fired_json", nullable = false, length = 20000)
    private String rulesFiredJson = "[]";
    @Column(name = "first_response_due")
    private Instant firstResponseDue;
    @Column(name = "resolution_due")
    private Instant resolutionDue;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "resolved_at")
    private Instant resolvedAt;
    @Column(name = "first_responded_at")
    private Instant firstRespondedAt;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    /** Whether the ticket ever waited for its requester (reports: no first-contact resolution then). */
    @Column(name = "waited_for_customer", nullable = false)
    private boolean waitedForCustomer;
    @Column(name = "sla_paused_at")
    private Instant slaPausedAt;
    @Column(name = "parent_id")
    private Long parentId;
    @Column(name = "sla_calendar", length = 64)
    private String slaCalendar;
    @Column(name = "sla_yellow_at")
    private Instant slaYellowAt;
    @Column(name = "sla_red_at")
    private Instant slaRedAt;
    /** The last level the level job announced (event, notification, message), see {@code SlaLevelWatch}. */
    @Column(name = "sla_level", length = 10)
    private String slaLevel;
    /** The requester's tenant when the ticket was opened (null: the desk's own); never changed afterwards. */
    @Column(updatable = false, length = 64)
    private String tenant;
    @Version
    private long version;

    protected Ticket() {
    }

    Ticket(String number, String type, String channel, String subject, String description, String requester,
           String impact, String urgency, Instant now) {
        this.number = number;
        this.type = type;
        this.channel = channel;
        this.subject = subject;
        this.description = description;
        this.requester = requester;
        this.impact = impact;
        this.urgency = urgency;
        this.status = "NEW";
        this.priority = "P3";
        this.category = "uncategorized";
        this.queue = "dispatcher";
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public String getTenant() { return tenant; }
    public String getNumber() { return number; }
    public String getType() { return type; }
    public String getChannel() { return channel; }
    public String getSubject() { return subject; }
    public String getDescription() { return description; }
    public String getStatus() { return status; }
    public String getPriority() { return priority; }
    public String getImpact() { return impact; }
    public String getUrgency() { return urgency; }
    public String getCategory() { return category; }
    public String getQueue() { return queue; }
    public String getRequester() { return requester; }
    public String getAssignee() { return assignee; }
    public String getResolution() { return resolution; }
    public String getCategoryHint() { return categoryHint; }
    public String getFieldsJson() { return fieldsJson; }
    public String getProcessInstanceId() { return processInstanceId; }
    public String getRuleSetVersion() { return ruleSetVersion; }
    public String getRulesFiredJson() { return rulesFiredJson; }
    public Instant getFirstResponseDue() { return firstResponseDue; }
    public Instant getResolutionDue() { return resolutionDue; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getResolvedAt() { return resolvedAt; }
    public Instant getSlaPausedAt() { return slaPausedAt; }
    public long getVersion() { return version; }
    public String getSlaCalendar() { return slaCalendar; }
    public Instant getSlaYellowAt() { return slaYellowAt; }
    public Instant getSlaRedAt() { return slaRedAt; }
    public String getSlaLevel() { return slaLevel; }
    public Long getParentId() { return parentId; }

    void classify(String priority, String category, String queue, String ruleSetVersion, String rulesFiredJson) {
        this.priority = priority;
        this.category = category;
        this.queue = queue;
        this.ruleSetVersion = ruleSetVersion;
        this.rulesFiredJson = rulesFiredJson;
    }

    void setFieldsJson(String fieldsJson) { this.fieldsJson = fieldsJson; }
    void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    void setAssignee(String assignee) { this.assignee = assignee; }
    void setResolution(String resolution) { this.resolution = resolution; }
    void setParentId(Long parentId) { this.parentId = parentId; }
    void setTenant(String tenant) { this.tenant = tenant; }
    void setQueue(String queue) { this.queue = queue; }
    void setPriority(String priority) { this.priority = priority; }
    void setCategoryHint(String categoryHint) { this.categoryHint = categoryHint; }
    void setFirstResponseDue(Instant firstResponseDue) { this.firstResponseDue = firstResponseDue; }

    void reassess(String impact, String urgency) {
        this.impact = impact;
        this.urgency = urgency;
    }

    /** The statuses in which a ticket's work is over (for reports: when it was closed). */
    static final java.util.Set<String> FINAL_STATUSES = java.util.Set.of("CLOSED", "CANCELLED", "REJECTED");

    void changeStatus(String status, Instant now) {
        if ("REOPENED".equals(status) && !"REOPENED".equals(this.status)) {
            // the resolution did not hold: its time no longer counts, the next resolution's does
            reopenCount++;
            resolvedAt = null;
            closedAt = null;
        }
        this.status = status;
        if ("WAITING_CUSTOMER".equals(status)) {
            waitedForCustomer = true;
        }
        if ("RESOLVED".equals(status) && resolvedAt == null) {
            resolvedAt = now;
        }
        if (FINAL_STATUSES.contains(status) && closedAt == null) {
            closedAt = now;
        }
        touch(now);
    }

    /** An agent acted on the ticket (took it, answered the requester): the first time is the response. */
    void responded(Instant now) {
        if (firstRespondedAt == null) {
            firstRespondedAt = now;
        }
    }

    public Instant getFirstRespondedAt() { return firstRespondedAt; }

    public Instant getClosedAt() { return closedAt; }

    public int getReopenCount() { return reopenCount; }

    void touch(Instant now) { this.updatedAt = now; }

    void pauseSla(Instant now) { this.slaPausedAt = now; }

    /** The resolution deadline's schedule in working time of {@code calendar} (null: the properties calendar). */
    void schedule(String calendar, Instant yellowAt, Instant redAt, Instant resolutionDue) {
        this.slaCalendar = calendar;
        this.slaYellowAt = yellowAt;
        this.slaRedAt = redAt;
        this.resolutionDue = resolutionDue;
    }

    void announceSlaLevel(String level) { this.slaLevel = level; }

    /** Restarts the clock: the due instants move by the paused working time. */
    void resumeSla(Instant firstResponseDue, Instant resolutionDue) {
        this.slaPausedAt = null;
        this.firstResponseDue = firstResponseDue;
        this.resolutionDue = resolutionDue;
    }
}
