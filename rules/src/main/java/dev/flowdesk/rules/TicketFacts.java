package dev.flowdesk.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * Everything the rule base may look at when it decides about one ticket. Immutable; the current instant is a fact
 * ({@link #now()}) so that rules stay pure functions of their input.
 *
 * @param type            ITIL type: INCIDENT, SERVICE_REQUEST, CHANGE, PROBLEM
 * @param subject         ticket subject, may be empty but not null
 * @param description     ticket description, may be empty but not null
 * @param channel         WEB, EMAIL, API, PHONE
 * @param formFields      typed values of the submitted form (never null)
 * @param requester       who asked
 * @param configurationItem the linked CI, or null
 * @param impact          LOW, MEDIUM, HIGH (null = MEDIUM)
 * @param urgency         LOW, MEDIUM, HIGH (null = MEDIUM)
 * @param categoryHint    category chosen on the form, or null
 * @param priorityFloor   lowest priority the form allows (e.g. "P3"), or null
 * @param now             the current instant
 */
public record TicketFacts(String type, String subject, String description, String channel,
                          Map<String, Object> formFields, Requester requester, ConfigurationItem configurationItem,
                          Level impact, Level urgency, String categoryHint, Priority priorityFloor, Instant now) {

    public TicketFacts {
        subject = subject == null ? "" : subject;
        description = description == null ? "" : description;
        formFields = formFields == null ? Map.of() : Map.copyOf(formFields);
        requester = requester == null ? Requester.anonymous() : requester;
        impact = impact == null ? Level.MEDIUM : impact;
        urgency = urgency == null ? Level.MEDIUM : urgency;
        now = now == null ? Instant.EPOCH : now;
    }

    /**
     * Whether subject or description mention one of the comma-separated keywords, ignoring case: the keyword test of
     * the categorization rules, e.g. {@code TicketFacts( mentions("*drucker*, printer, printers") )}. A keyword
     * matches a whole word; {@code *} at its start or end lets the word go on, so {@code *drucker*} also finds
     * "Netzwerkdrucker" and {@code install*} finds "installieren".
     */
    public boolean mentions(String keywords) {
        return Keywords.of(keywords).foundIn(Keywords.lowerCaseText(this));
    }

    /**
     * Whether the time of day of {@link #now()} in the given zone lies in [from, to), both "HH:mm"; a range whose end
     * is before its start runs over midnight ("22:00", "06:00"). The condition behind a decision table's
     * "between" column on the time of day, e.g. routing out-of-hours tickets to an on-call queue.
     */
    public boolean timeOfDayBetween(String from, String to, String zone) {
        LocalTime time = LocalTime.ofInstant(now, ZoneId.of(zone));
        LocalTime start = LocalTime.parse(from);
        LocalTime end = LocalTime.parse(to);
        return start.isAfter(end)
                ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
    }

    /** The person who raised the ticket. {@code tier} is the customer tier for SLA targets (e.g. STANDARD, GOLD). */
    public record Requester(String id, String email, String domain, String organization, boolean vip, String tenant,
                            String tier) {
        public static Requester anonymous() {
            return new Requester(null, null, null, null, false, null, "STANDARD");
        }
    }

    /**
     * A configuration item the ticket is about; criticality is LOW, MEDIUM, HIGH or BUSINESS_CRITICAL.
     * {@code dependants} counts the CIs that depend on it, transitively (its outage is theirs); {@code manyDependants}
     * says whether that count reaches the installation's threshold ({@code flowdesk.cmdb.many-dependants}). The
     * engine decides the threshold, so a rule reads a fact and stays a pure function of it.
     */
    public record ConfigurationItem(String id, String criticality, int dependants, boolean manyDependants) {

        /** A CI nothing is known to depend on. */
        public ConfigurationItem(String id, String criticality) {
            this(id, criticality, 0, false);
        }
    }
}
