package io.steadystate.cli.worktree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steadystate.cli.auth.Json;
import io.steadystate.merge.tree.TreeEntry;
import java.nio.file.Path;
import java.util.Locale;

/** {@code steadystate status --json}: one object on one line; the fields are listed in {@link StatusCommand}. */
final class StatusJson {

    private StatusJson() {
    }

    static String format(Status s, Path root) throws JsonProcessingException {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("root", root.toString());
        o.put("session_id", s.state().sessionId());
        o.put("branch", s.state().branch());
        o.put("user", s.state().user());
        o.put("last_synced_commit", s.state().lastSyncedCommit());
        o.put("session_head", s.incoming().head() == null ? null : s.incoming().head().name());
        o.put("commits_ahead", s.incoming().commits());
        o.put("sync_would_pull", !s.incoming().files().isEmpty());
        ArrayNode incoming = o.putArray("incoming");
        s.incoming().files().forEach(incoming::add);
        o.put("sync_interrupted", s.state().pending() != null);
        o.put("clean", s.clean());
        ArrayNode changes = o.putArray("changes");
        for (Change c : s.changes()) {
            ObjectNode n = changes.addObject();
            n.put("path", c.path());
            n.put("status", c.kind().json());
            n.put("old_kind", kind(c.before()));
            n.put("new_kind", kind(c.after()));
        }
        ArrayNode conflicts = o.putArray("conflicts");
        s.conflicts().forEach(conflicts::add);
        return Json.mapper().writeValueAsString(o);
    }

    private static String kind(TreeEntry e) {
        return e == null ? null : e.kind().name().toLowerCase(Locale.ROOT);
    }
}
