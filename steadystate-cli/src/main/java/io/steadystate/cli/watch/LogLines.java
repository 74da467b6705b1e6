package io.steadystate.cli.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.steadystate.cli.auth.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads single lines of the session logs. A line that is not a JSON object with a readable {@code time} and an
 * {@code event} is unreadable (empty); other fields of the wrong type count as absent, so that a newer writer
 * does not make the dashboard lose whole lines.
 */
final class LogLines {

    private LogLines() {
    }

    static Optional<ActivityEvent> activity(String line) {
        return object(line).flatMap(o -> common(o).map(c -> new ActivityEvent(c.time(), c.user(), c.event(),
                text(o, "details"))));
    }

    static Optional<SyncEvent> sync(String line) {
        return object(line).flatMap(o -> common(o).map(c -> new SyncEvent(c.time(), c.user(), c.event(),
                text(o, "commit"), text(o, "previous"), number(o, "pushed"), number(o, "pulled"),
                texts(o, "conflicts"), texts(o, "files"), text(o, "branch"), text(o, "remote"), text(o, "reason"))));
    }

    private record Common(Instant time, String user, String event) {
    }

    private static Optional<JsonNode> object(String line) {
        try {
            JsonNode node = Json.mapper().readTree(line);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Common> common(JsonNode o) {
        String time = text(o, "time");
        String event = text(o, "event");
        if (time == null || event == null || event.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Common(Instant.parse(time), text(o, "user"), event));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static Integer number(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.canConvertToInt() && n.isIntegralNumber() ? n.intValue() : null;
    }

    private static List<String> texts(JsonNode o, String field) {
        JsonNode n = o.get(field);
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(e -> {
                if (e.isTextual()) {
                    out.add(e.asText());
                }
            });
        }
        return out;
    }
}
