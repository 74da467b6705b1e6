package io.steadystate.cli.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steadystate.cli.auth.Json;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's snapshot as JSON for scripts: the same content as the plain rendering, every event kept (most
 * recent first), times as ISO-8601 instants, absent fields left out.
 */
final class SnapshotJson {

    private SnapshotJson() {
    }

    static String render(SessionModel m, Instant now) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode session = root.putObject("session");
        SessionInfo s = m.session();
        session.put("id", s.id());
        putIfPresent(session, "branch", s.branch());
        putIfPresent(session, "magic_link", s.magicLink());
        putIfPresent(session, "join_command", s.joinCommand());
        root.put("generated_at", now.toString());
        ArrayNode connected = root.putArray("connected");
        for (Presence p : m.connected()) {
            connected.addObject().put("user", p.user()).put("since", p.since().toString())
                    .put("connections", p.connections());
        }
        ArrayNode syncs = root.putArray("syncs");
        for (SyncEvent e : m.syncs().reversed()) {
            ObjectNode o = syncs.addObject();
            o.put("time", e.time().toString());
            putIfPresent(o, "user", e.user());
            o.put("event", e.event());
            putIfPresent(o, "commit", e.commit());
            putIfPresent(o, "previous", e.previous());
            if (e.pushed() != null) {
                o.put("pushed", e.pushed());
            }
            if (e.pulled() != null) {
                o.put("pulled", e.pulled());
            }
            if (e.event().equals("sync") || !e.conflicts().isEmpty()) {
                putList(o, "conflicts", e.conflicts());
            }
            if (e.event().equals("sync") || !e.files().isEmpty()) {
                putList(o, "files", e.files());
            }
            putIfPresent(o, "branch", e.branch());
            putIfPresent(o, "remote", e.remote());
            putIfPresent(o, "reason", e.reason());
        }
        ArrayNode activity = root.putArray("activity");
        for (ActivityEvent e : m.activity().reversed()) {
            ObjectNode o = activity.addObject();
            o.put("time", e.time().toString());
            putIfPresent(o, "user", e.user());
            o.put("event", e.event());
            putIfPresent(o, "details", e.details());
        }
        ObjectNode unreadable = root.putObject("unreadable_lines");
        unreadable.put(SessionFeed.SYNC_LOG, m.unreadableSyncs());
        unreadable.put(SessionFeed.ACTIVITY_LOG, m.unreadableActivity());
        ArrayNode missing = root.putArray("missing_logs");
        if (m.syncLogMissing()) {
            missing.add(SessionFeed.SYNC_LOG);
        }
        if (m.activityLogMissing()) {
            missing.add(SessionFeed.ACTIVITY_LOG);
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static void putIfPresent(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static void putList(ObjectNode o, String field, List<String> values) {
        ArrayNode a = o.putArray(field);
        values.forEach(a::add);
    }
}
