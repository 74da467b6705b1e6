package io.steadystate.compute.local.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A session's {@code activity-log}: one JSON object a line with time, user, event and details. */
final class ActivityLog {

    private static final System.Logger LOG = System.getLogger(ActivityLog.class.getName());

    private final Path file;

    ActivityLog(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            Fs.write(file, "", "rw-------");
        }
    }

    /** Creates an empty JSON-lines file with private permissions. */
    static void create(Path file) throws IOException {
        Files.writeString(file, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /** Appends one entry; a failure to write is logged, never thrown at the connection. */
    synchronized void record(String user, String event, String details) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("user", user);
        entry.put("event", event);
        entry.put("details", details);
        append(file, entry);
    }

    /**
     * Appends {@code entry} as one JSON line to {@code file} in a single write, so that lines other
     * processes append at the same time (the sync log is also written by {@code steadystate sync}) stay
     * whole. A failure to write is logged, never thrown.
     */
    static void append(Path file, Map<String, ?> entry) {
        try {
            Files.writeString(file, Json.object(entry) + "\n", StandardCharsets.UTF_8, java.nio.file.LinkOption.NOFOLLOW_LINKS, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write " + file + ": " + e.getMessage());
        }
    }
}
