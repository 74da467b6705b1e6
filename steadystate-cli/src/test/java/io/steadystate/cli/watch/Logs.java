package io.steadystate.cli.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steadystate.cli.auth.Json;
import java.util.List;

/** Log lines as the session writes them, for tests. */
final class Logs {

    static final String LINK = "steadystate://collab/abcdefgh12345678?ssh=x";
    static final SessionInfo INFO = new SessionInfo("abcdefgh12345678", LINK, "steady", "127.0.0.1", 40022,
            "ssh-ed25519 AAAA", "steadystate/collab/abcdefgh12345678");

    private Logs() {
    }

    static String activity(String time, String user, String event, String details) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("time", time);
        o.put("user", user);
        o.put("event", event);
        o.put("details", details);
        return o.toString();
    }

    static String sync(String time, String user, String commit, int pushed, int pulled, List<String> conflicts) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("time", time);
        o.put("user", user);
        o.put("event", "sync");
        o.put("commit", commit);
        o.put("previous", "0000000000000000000000000000000000000000");
        o.put("pushed", pushed);
        o.put("pulled", pulled);
        conflicts.forEach(o.putArray("conflicts")::add);
        o.putArray("files").add("src/App.java");
        return o.toString();
    }
}
