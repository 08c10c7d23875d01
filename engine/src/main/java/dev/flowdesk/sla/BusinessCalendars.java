package dev.flowdesk.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one source of business calendars: the {@code business_calendar} rows (managed by {@link CalendarAdmin}),
 * selected per queue, and the {@code flowdesk.sla.*} calendar for every queue without one. A ticket remembers the
 * name of the calendar its SLA was computed with, so pauses and recomputations use the same one even after its queue
 * changes calendars.
 */
@Component
public class BusinessCalendars {

    private static final TypeReference<Map<String, Map<String, String>>> HOURS = new TypeReference<>() { };
    private static final TypeReference<List<String>> HOLIDAYS = new TypeReference<>() { };

    private final BusinessCalendar standard;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    BusinessCalendars(SlaProperties properties, JdbcTemplate jdbc, ObjectMapper json) {
        this.standard = new BusinessCalendar(properties);
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The calendar of the {@code flowdesk.sla.*} properties. */
    public BusinessCalendar standard() {
        return standard;
    }

    /** The calendar of a queue: its own, or the standard one. */
    public BusinessCalendar forQueue(String queue) {
        if (queue == null) {
            return standard;
        }
        List<BusinessCalendar> found = jdbc.query("SELECT c.name, c.time_zone, c.hours_json, c.holidays_json"
                + " FROM business_calendar c JOIN business_calendar_queue q ON q.calendar_id = c.id"
                + " WHERE q.queue = ?", (rs, i) -> read(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)), queue);
        return found.isEmpty() ? standard : found.get(0);
    }

    /**
     * The calendar of that name; the standard one for null (and for a calendar deleted since, so that a ticket's
     * deadlines can still be worked out).
     */
    public BusinessCalendar named(String name) {
        if (name == null) {
            return standard;
        }
        List<BusinessCalendar> found = jdbc.query("SELECT name, time_zone, hours_json, holidays_json"
                + " FROM business_calendar WHERE name = ?", (rs, i) -> read(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), name);
        return found.isEmpty() ? standard : found.get(0);
    }

    BusinessCalendar read(String name, String zone, String hoursJson, String holidaysJson) {
        try {
            Map<DayOfWeek, BusinessCalendar.Hours> hours = new EnumMap<>(DayOfWeek.class);
            json.readValue(hoursJson, HOURS).forEach((day, h) -> hours.put(DayOfWeek.valueOf(day),
                    new BusinessCalendar.Hours(java.time.LocalTime.parse(h.get("start")),
                            java.time.LocalTime.parse(h.get("end")))));
            Set<LocalDate> holidays = new TreeSet<>();
            json.readValue(holidaysJson, HOLIDAYS).forEach(d -> holidays.add(LocalDate.parse(d)));
            return new BusinessCalendar(name, ZoneId.of(zone), hours, holidays);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("business calendar '" + name + "' is stored unreadably", e);
        }
    }

    String writeHours(Map<DayOfWeek, BusinessCalendar.Hours> hours) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        new EnumMap<>(hours).forEach((day, h) -> out.put(day.name(),
                Map.of("start", h.start().toString(), "end", h.end().toString())));
        return write(out);
    }

    String writeHolidays(Set<LocalDate> holidays) {
        return write(new TreeSet<>(holidays).stream().map(LocalDate::toString).toList());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
