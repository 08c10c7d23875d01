package dev.flowdesk.sla;

import dev.flowdesk.error.DomainException;
import dev.flowdesk.error.DomainException.FieldError;
import dev.flowdesk.security.CurrentUser;
import dev.flowdesk.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business calendars over REST ({@code /api/calendars}): designers and administrators define them and the queues
 * they serve, agents read them. Each change is one transaction; a stale {@code version} is a 409. A change applies
 * to deadlines computed afterwards (new tickets, reclassifications, the end of a pause), not to stored ones.
 */
@Service
public class CalendarAdmin {

    private static final int MAX_HOLIDAYS = 1000;

    private final JdbcTemplate jdbc;
    private final BusinessCalendars calendars;
    private final SimpleJdbcInsert insert;
    private final java.time.Clock clock;

    CalendarAdmin(JdbcTemplate jdbc, BusinessCalendars calendars, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.clock = clock;
        this.insert = new SimpleJdbcInsert(jdbc).withTableName("business_calendar").usingGeneratedKeyColumns("id")
                .usingColumns("name", "time_zone", "hours_json", "holidays_json", "version", "updated_by",
                        "updated_at");
    }

    /** A calendar as the API shows it. */
    public record CalendarView(long id, String name, String timeZone, Map<DayOfWeek, Times> hours,
                               List<LocalDate> holidays, List<String> queues, long version, Instant updatedAt,
                               String updatedBy) {
    }

    /** A calendar as a caller sends it; times as {@code HH:mm}, days as ISO dates. */
    public record Draft(String name, String timeZone, Map<String, Times> hours, List<String> holidays,
                        List<String> queues, Long version) {
    }

    /** Opening hours of a weekday as {@code HH:mm}, the way callers write them. */
    public record Times(String start, String end) {
    }

    @Transactional(readOnly = true)
    public List<CalendarView> list(CurrentUser user) {
        requireReader(user);
        return jdbc.query(SELECT + " ORDER BY lower(name), id", (rs, i) -> row(rs));
    }

    @Transactional(readOnly = true)
    public CalendarView get(long id, CurrentUser user) {
        requireReader(user);
        return load(id);
    }

    @Transactional
    public CalendarView create(Draft draft, CurrentUser user) {
        requireDesigner(user);
        Checked c = check(draft, null);
        long id;
        try {
            id = insert.executeAndReturnKey(Map.of("name", c.name(), "time_zone", c.zone().getId(),
                    "hours_json", calendars.writeHours(c.hours()), "holidays_json",
                    calendars.writeHolidays(c.holidays()), "version", 0L, "updated_by", user.id(),
                    "updated_at", Timestamp.from(clock.instant()))).longValue();
        } catch (DuplicateKeyException e) {
            throw DomainException.invalid("name", "a calendar named '" + c.name() + "' exists");
        }
        assignQueues(id, c.queues());
        return load(id);
    }

    @Transactional
    public CalendarView update(long id, Draft draft, CurrentUser user) {
        requireDesigner(user);
        CalendarView current = load(id);
        if (draft != null && draft.version() != null && draft.version() != current.version()) {
            throw DomainException.conflict("the calendar changed meanwhile (version " + current.version()
                    + "); reload it");
        }
        Checked c = check(draft, id);
        int updated;
        try {
            updated = jdbc.update("UPDATE business_calendar SET name = ?, time_zone = ?, hours_json = ?,"
                    + " holidays_json = ?, version = version + 1, updated_by = ?, updated_at = ?"
                    + " WHERE id = ? AND version = ?", c.name(), c.zone().getId(), calendars.writeHours(c.hours()),
                    calendars.writeHolidays(c.holidays()), user.id(), Timestamp.from(clock.instant()), id,
                    current.version());
        } catch (DuplicateKeyException e) {
            throw DomainException.invalid("name", "a calendar named '" + c.name() + "' exists");
        }
        if (updated == 0) {
            throw DomainException.conflict("the calendar changed meanwhile; reload it");
        }
        jdbc.update("DELETE FROM business_calendar_queue WHERE calendar_id = ?", id);
        assignQueues(id, c.queues());
        return load(id);
    }

    @Transactional
    public void delete(long id, CurrentUser user) {
        requireDesigner(user);
        load(id);
        jdbc.update("DELETE FROM business_calendar_queue WHERE calendar_id = ?", id);
        jdbc.update("DELETE FROM business_calendar WHERE id = ?", id);
    }

    private void assignQueues(long id, Set<String> queues) {
        queues.forEach(q -> jdbc.update("INSERT INTO business_calendar_queue (queue, calendar_id) VALUES (?, ?)",
                q, id));
    }

    private record Checked(String name, ZoneId zone, Map<DayOfWeek, BusinessCalendar.Hours> hours,
                           Set<LocalDate> holidays, Set<String> queues) {
    }

    /** Every field at fault at once, each named as the request names it (e.g. {@code hours.MONDAY.end}). */
    private Checked check(Draft draft, Long id) {
        if (draft == null) {
            throw DomainException.badRequest("a calendar is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 64 || !name.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]*")) {
            errors.add(new FieldError("name", "is required: at most 64 letters, digits, spaces, '.', '_' or '-'"));
        }
        ZoneId zone = null;
        try {
            zone = draft.timeZone() == null ? null : ZoneId.of(draft.timeZone().strip());
        } catch (DateTimeException e) {
            // reported below
        }
        if (zone == null) {
            errors.add(new FieldError("timeZone", "must be a time zone such as Europe/Berlin"));
        }
        Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
        if (draft.hours() == null || draft.hours().isEmpty()) {
            errors.add(new FieldError("hours", "must name at least one working weekday"));
        } else {
            draft.hours().forEach((day, h) -> {
                DayOfWeek weekday = weekday(day);
                if (weekday == null) {
                    errors.add(new FieldError("hours." + day, "is no weekday (MONDAY … SUNDAY)"));
                    return;
                }
                LocalTime start = time(h == null ? null : h.start());
                LocalTime end = time(h == null ? null : h.end());
                if (start == null) {
                    errors.add(new FieldError("hours." + weekday + ".start", "must be a time such as 08:00"));
                } else if (end == null) {
                    errors.add(new FieldError("hours." + weekday + ".end", "must be a time such as 18:00"));
                } else if (!end.isAfter(start)) {
                    errors.add(new FieldError("hours." + weekday + ".end", "must be after the start"));
                } else {
                    hours.put(weekday, new BusinessCalendar.Hours(start, end));
                }
            });
        }
        Set<LocalDate> holidays = new TreeSet<>();
        List<String> days = draft.holidays() == null ? List.of() : draft.holidays();
        if (days.size() > MAX_HOLIDAYS) {
            errors.add(new FieldError("holidays", "at most " + MAX_HOLIDAYS + " days"));
        }
        for (int i = 0; i < days.size() && i < MAX_HOLIDAYS; i++) {
            try {
                holidays.add(LocalDate.parse(String.valueOf(days.get(i)).strip()));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("holidays[" + i + "]", "must be a date such as 2026-12-24"));
            }
        }
        Set<String> queues = new LinkedHashSet<>();
        List<String> named = draft.queues() == null ? List.of() : draft.queues();
        for (int i = 0; i < named.size(); i++) {
            String q = named.get(i) == null ? "" : named.get(i).strip();
            if (q.isEmpty() || q.length() > 64) {
                errors.add(new FieldError("queues[" + i + "]", "must be a queue name of at most 64 characters"));
                continue;
            }
            List<String> other = jdbc.queryForList("SELECT c.name FROM business_calendar_queue q"
                    + " JOIN business_calendar c ON c.id = q.calendar_id WHERE q.queue = ? AND c.id <> ?",
                    String.class, q, id == null ? -1L : id);
            if (!other.isEmpty()) {
                errors.add(new FieldError("queues[" + i + "]", "queue '" + q + "' already follows calendar '"
                        + other.get(0) + "'"));
            }
            queues.add(q);
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new Checked(name, zone, hours, holidays, queues);
    }

    private static DayOfWeek weekday(String day) {
        try {
            return day == null ? null : DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalTime time(String text) {
        try {
            return text == null ? null : LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final String SELECT = "SELECT id, name, time_zone, hours_json, holidays_json, version,"
            + " updated_at, updated_by FROM business_calendar";

    private CalendarView load(long id) {
        List<CalendarView> found = jdbc.query(SELECT + " WHERE id = ?", (rs, i) -> row(rs), id);
        if (found.isEmpty()) {
            throw DomainException.notFound("calendar " + id);
        }
        return found.get(0);
    }

    private CalendarView row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong("id");
        BusinessCalendar c = calendars.read(rs.getString("name"), rs.getString("time_zone"),
                rs.getString("hours_json"), rs.getString("holidays_json"));
        List<String> queues = jdbc.queryForList("SELECT queue FROM business_calendar_queue WHERE calendar_id = ?"
                + " ORDER BY queue", String.class, id);
        Map<DayOfWeek, Times> hours = new EnumMap<>(DayOfWeek.class);
        c.hours().forEach((day, h) -> hours.put(day, new Times(h.start().toString(), h.end().toString())));
        return new CalendarView(id, c.name(), c.zone().getId(), hours,
                new TreeSet<>(c.holidays()).stream().toList(), queues, rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private static void requireReader(CurrentUser user) {
        user.requireAny("Business calendars are for agents, designers and administrators.", Role.AGENT,
                Role.DESIGNER);
    }

    private static void requireDesigner(CurrentUser user) {
        user.requireAny("Business calendars are defined by designers and administrators.", Role.DESIGNER);
    }
}
