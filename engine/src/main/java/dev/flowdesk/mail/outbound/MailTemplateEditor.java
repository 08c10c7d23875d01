package dev.flowdesk.mail.outbound;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import dev.flowdesk.ticket.TicketQueries;
import dev.flowdesk.ticket.TicketViews.TicketDetail;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.VelocityException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Designers and admins edit the mail templates in the browser: each save is checked first (a {@code Subject:} line,
 * Velocity syntax, only the known values, only simple directives, nothing the sandbox refuses) by rendering it on
 * sample values, and a preview renders a draft on a real ticket the user may see. A save is a new version (409 when
 * someone saved in between); deleting the edited version brings the shipped template back.
 */
@Service
public class MailTemplateEditor {

    /** The values every template may use, with what a preview shows when the ticket has none. */
    static final Map<String, String> SAMPLE = sample();
    private static final Set<String> DIRECTIVES = Set.of("if", "elseif", "else", "end", "set", "foreach", "break");
    private static final Pattern DIRECTIVE = Pattern.compile("(?<!\\\\)#\\{?([A-Za-z]+)");
    /** A reference followed by a member or an index: {@code $subject.class}, {@code ${x.y}}, {@code $x[0]}. */
    private static final Pattern MEMBER_ACCESS = Pattern.compile(
            "(?<!\\\\)\\$!?(\\{\\s*)?[A-Za-z][A-Za-z0-9_-]*(\\.[A-Za-z_]|\\[)");
    private static final int MAX_SOURCE = 20_000;

    private final MailTemplates templates;
    private final TemplateOverrides overrides;
    private final TicketQueries tickets;
    private final dev.flowdesk.mail.MailThreads threads;
    private final Clock clock;

    MailTemplateEditor(MailTemplates templates, TemplateOverrides overrides, TicketQueries tickets,
                       dev.flowdesk.mail.MailThreads threads, Clock clock) {
        this.templates = templates;
        this.overrides = overrides;
        this.tickets = tickets;
        this.threads = threads;
        this.clock = clock;
    }

    /** One template in one language: the source in use, whether it was edited, and its version (0: shipped). */
    public record TemplateView(String name, String language, String source, boolean edited, int version,
                               String updatedBy, Instant updatedAt, String shippedSource, List<String> values) {
    }

    /** A rendered template: what the mail's subject and body would be. */
    public record Preview(String subject, String body) {
    }

    public List<Map<String, Object>> list(CurrentUser user) {
        requireEditor(user);
        List<Map<String, Object>> all = new ArrayList<>();
        for (String name : templates.names()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            for (String language : List.of("en", "de")) {
                row.put(language, overrides.find(name, language).map(o -> "edited").orElse(
                        templates.shippedSource(name, language) == null ? "missing" : "shipped"));
            }
            all.add(row);
        }
        return all;
    }

    @Transactional(readOnly = true)
    public TemplateView get(String name, String language, CurrentUser user) {
        requireEditor(user);
        String shipped = shipped(name, language);
        return overrides.find(name, language)
                .map(o -> new TemplateView(name, language, o.source(), true, o.version(), o.updatedBy(), o.updatedAt(),
                        shipped, List.copyOf(SAMPLE.keySet())))
                .orElseGet(() -> new TemplateView(name, language, shipped, false, 0, null, null, shipped,
                        List.copyOf(SAMPLE.keySet())));
    }

    /** Checks and saves {@code source}; {@code version}: the version edited (0 when editing the shipped template). */
    @Transactional
    public TemplateView save(String name, String language, String source, Integer version, CurrentUser user) {
        return save(name, language, source, version, null, user);
    }

    /** As {@link #save(String, String, String, Integer, CurrentUser)}, with the designer's comment on the version. */
    @Transactional
    public TemplateView save(String name, String language, String source, Integer version, String comment,
                             CurrentUser user) {
        requireEditor(user);
        shipped(name, language);
        if (version == null) {
            throw DomainException.invalid("version", "is required: the version you edited (0 for the shipped one)");
        }
        check(name + "_" + language, source, SAMPLE);
        if (comment != null && comment.length() > 1000) {
            throw DomainException.invalid("comment", "must be at most 1000 characters");
        }
        boolean saved;
        try {
            saved = overrides.save(name, language, source.replace("\r\n", "\n"), version, user.id(), clock.instant(),
                    comment);
        } catch (DuplicateKeyException e) {
            saved = false;
        }
        if (!saved) {
            throw DomainException.conflict("The template was saved by someone else meanwhile; reload it.");
        }
        return get(name, language, user);
    }

    @Transactional
    public TemplateView revert(String name, String language, CurrentUser user) {
        requireEditor(user);
        String shipped = shipped(name, language);
        if (!overrides.delete(name, language, shipped, user.id(), clock.instant())) {
            throw DomainException.notFound("The template " + name + " (" + language + ") has not been edited");
        }
        return get(name, language, user);
    }

    /** Renders {@code source} (or the template in use) on the ticket {@code ticketId}, as its mail would read. */
    @Transactional(readOnly = true)
    public Preview preview(String name, String language, String source, Long ticketId, CurrentUser user) {
        requireEditor(user);
        String shipped = shipped(name, language);
        String text = source != null ? source : overrides.source(name, language).orElse(shipped);
        Map<String, String> values = new LinkedHashMap<>(SAMPLE);
        if (ticketId != null) {
            TicketDetail ticket = tickets.get(ticketId, user);
            values.put("number", ticket.number());
            values.put("subject", ticket.subject().replaceAll("\\s+", " ").strip());
            values.put("status", ticket.status());
            values.put("priority", ticket.priority() == null ? "" : ticket.priority());
            values.put("queue", ticket.queue() == null ? "" : ticket.queue());
            threads.find(ticketId).ifPresent(t -> values.put("tag", t.tag()));
            values.put("ticketUrl", "http://localhost:8080/#/tickets/" + ticketId);
        }
        return check(name + "_" + language, text, values);
    }

    /**
     * The checks a save makes, without saving (the configuration import checks every template so): a known name and
     * language, and a source that parses, uses only the known values and renders on sample values.
     */
    public void check(String name, String language, String source) {
        shipped(name, language);
        check(name + "_" + language, source, SAMPLE);
    }

    private Preview check(String logName, String source, Map<String, String> values) {
        if (source == null || source.isBlank()) {
            throw DomainException.invalid("source", "is required");
        }
        if (source.length() > MAX_SOURCE) {
            throw DomainException.invalid("source", "must be at most " + MAX_SOURCE + " characters");
        }
        if (!source.startsWith("Subject:")) {
            throw DomainException.invalid("source", "must start with a line 'Subject: ...'");
        }
        Matcher directive = DIRECTIVE.matcher(source);
        while (directive.find()) {
            if (!DIRECTIVES.contains(directive.group(1).toLowerCase(java.util.Locale.ROOT))) {
                throw DomainException.invalid("source", "line " + line(source, directive.start()) + ": #"
                        + directive.group(1) + " is not allowed in mail templates (allowed: #if, #elseif, #else, "
                        + "#end, #set, #foreach); write \\#" + directive.group(1) + " for the text");
            }
        }
        // Values are plain strings: a template names them and never calls into them. SecureUberspector stops the
        // reflection chains, but $subject.class still rendered "class java.lang.String" (issue 15, hostile suite).
        Matcher member = MEMBER_ACCESS.matcher(source);
        if (member.find()) {
            throw DomainException.invalid("source", "line " + line(source, member.start()) + ": '"
                    + member.group() + "…' — values are text; methods and properties of them are not allowed");
        }
        MailTemplates.Rendered rendered;
        try {
            rendered = templates.renderSource(logName, source, values);
        } catch (ParseErrorException e) {
            throw DomainException.invalid("source", "line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + firstLine(e.getMessage()));
        } catch (VelocityException | IllegalStateException e) {
            throw DomainException.invalid("source", firstLine(e.getMessage()) + " (values you may use: "
                    + String.join(", ", SAMPLE.keySet().stream().map(k -> "$" + k).toList()) + ")");
        }
        if (rendered.subject().isBlank()) {
            throw DomainException.invalid("source", "the subject renders empty");
        }
        if (rendered.subject().contains("\n") || rendered.subject().contains("\r")) {
            throw DomainException.invalid("source", "the subject must be one line");
        }
        return new Preview(rendered.subject(), rendered.body());
    }

    String shipped(String name, String language) {
        if (!templates.exists(name)) {
            throw DomainException.notFound("No mail template " + name);
        }
        if (!MailTemplates.LANGUAGES.contains(language)) {
            throw DomainException.invalid("language", "must be en or de");
        }
        String shipped = templates.shippedSource(name, language);
        return shipped == null ? templates.shippedSource(name, "en") : shipped;
    }

    private static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the template cannot be rendered";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static void requireEditor(CurrentUser user) {
        user.requireAny("Only designers and admins edit mail templates.", Role.DESIGNER);
    }

    private static Map<String, String> sample() {
        Map<String, String> sample = new LinkedHashMap<>();
        sample.put("number", "FD-000123");
        sample.put("subject", "Printer on floor 3 is jammed");
        sample.put("tag", "[FD-000123·k7q2]");
        sample.put("status", "OPEN");
        sample.put("priority", "P2");
        sample.put("queue", "service-desk");
        sample.put("body", "Could you tell us which printer it is?");
        sample.put("reason", "A duplicate of FD-000122");
        sample.put("openVotes", "2");
        sample.put("approverGroup", "change-advisory-board");
        sample.put("ticketUrl", "https://desk.example.com/#/tickets/123");
        // the password reset mail (AccountMail): the person's name, the one-time link and its lifetime
        sample.put("name", "Paula Example");
        sample.put("resetUrl", "https://desk.example.com/password-reset.html#k7q2XampleToken");
        sample.put("validMinutes", "30");
        return java.util.Collections.unmodifiableMap(sample);
    }
}
