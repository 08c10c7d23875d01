package dev.flowdesk.sla;

import dev.flowdesk.ApiClient;
import dev.flowdesk.ApiClient.Response;
import dev.flowdesk.PostgresEngineTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/calendars}: designers write, agents read, requesters get 403; bad input is a 400 naming the field, a
 * stale version a 409; a queue's calendar is the one {@link BusinessCalendars} hands out for it, until deleted.
 */
class CalendarApiIT extends PostgresEngineTest {

    @Autowired
    BusinessCalendars calendars;

    @Test
    void designersDefineAgentsReadRequestersMayNot() {
        ApiClient dora = as("dora");
        String name = "Cal " + System.nanoTime();
        String queue = "cal-queue-" + System.nanoTime();
        Response created = dora.post("/api/calendars", draft(name, queue, null));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        long id = created.json("/id").asLong();
        assertThat(created.json("/hours/FRIDAY/end").asText()).isEqualTo("14:00");
        assertThat(created.json("/holidays/0").asText()).isEqualTo("2026-12-24");
        assertThat(created.json("/version").asLong()).isZero();

        // the queue follows it; other queues keep the properties calendar
        BusinessCalendar forQueue = calendars.forQueue(queue);
        assertThat(forQueue.name()).isEqualTo(name);
        assertThat(forQueue.hours().get(DayOfWeek.FRIDAY).end()).isEqualTo(LocalTime.of(14, 0));
        assertThat(calendars.forQueue("no-such-queue-" + System.nanoTime()).name()).isNull();

        // agents read, requesters do not, only designers and admins write
        assertThat(as("bob").get("/api/calendars/" + id).json("/name").asText()).isEqualTo(name);
        assertThat(as("bob").get("/api/calendars").status()).isEqualTo(200);
        problem(as("alice").get("/api/calendars"), 403);
        problem(as("alice").get("/api/calendars/" + id), 403);
        problem(as("bob").post("/api/calendars", draft(name + " 2", null, null)), 403);
        problem(as("bob").put("/api/calendars/" + id, json(draft(name, queue, 0L))), 403);
        problem(as("bob").delete("/api/calendars/" + id), 403);

        // an edit with the version read; the same version again is stale
        Response edited = dora.put("/api/calendars/" + id, json(draft(name, queue, 0L)));
        assertThat(edited.status()).as(edited.raw()).isEqualTo(200);
        assertThat(edited.json("/version").asLong()).isEqualTo(1);
        problem(dora.put("/api/calendars/" + id, json(draft(name, queue, 0L))), 409);

        // a second calendar may not take the same queue or name
        assertThat(field(dora.post("/api/calendars", draft(name + " 2", queue, null)))).contains("queues[0]");
        assertThat(field(dora.post("/api/calendars", draft(name, null, null)))).contains("name");

        assertThat(dora.delete("/api/calendars/" + id).status()).isEqualTo(204);
        problem(dora.get("/api/calendars/" + id), 404);
        assertThat(calendars.forQueue(queue).name()).isNull();
    }

    @Test
    void badInputIsA400NamingEachField() {
        ApiClient dora = as("dora");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("name", " ");
        bad.put("timeZone", "Mars/Olympus");
        bad.put("hours", Map.of("MONDAY", Map.of("start", "18:00", "end", "08:00"), "FUNDAY",
                Map.of("start", "08:00", "end", "09:00"), "TUESDAY", Map.of("start", "8 o'clock", "end", "17:00")));
        bad.put("holidays", List.of("2026-12-24", "Christmas"));
        bad.put("queues", List.of(""));
        List<String> fields = field(dora.post("/api/calendars", bad));
        assertThat(fields).contains("name", "timeZone", "hours.MONDAY.end", "hours.FUNDAY", "hours.TUESDAY.start",
                "holidays[1]", "queues[0]");
        assertThat(field(dora.post("/api/calendars", Map.of("name", "No hours " + System.nanoTime(),
                "timeZone", "UTC")))).containsExactly("hours");
    }

    private static Map<String, Object> draft(String name, String queue, Long version) {
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY")) {
            hours.put(day, Map.of("start", "08:00", "end", "17:00"));
        }
        hours.put("FRIDAY", Map.of("start", "08:00", "end", "14:00"));
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", name);
        draft.put("timeZone", "Europe/Berlin");
        draft.put("hours", hours);
        draft.put("holidays", List.of("2026-12-25", "2026-12-24"));
        draft.put("queues", queue == null ? List.of() : List.of(queue));
        if (version != null) {
            draft.put("version", version);
        }
        return draft;
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void problem(Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** The fields a 400 names. */
    private static List<String> field(Response response) {
        problem(response, 400);
        List<String> fields = new java.util.ArrayList<>();
        response.json("/errors").forEach(e -> fields.add(e.get("path").asText()));
        return fields;
    }
}
