package io.steadystate.sync.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Appends one JSON line per sync to the session's {@code sync-log}, in one write so lines never interleave. */
public final class SyncLogWriter {

    private static final int MAX_FILES = 50;

    private SyncLogWriter() {
    }

    public static void append(Path log, String user, String commit, String previous, List<String> pushed,
            List<String> pulled, List<String> conflicts, boolean committed) throws IOException {
        if (log == null || !Files.exists(log)) {
            return;
        }
        TreeSet<String> files = new TreeSet<>(pushed);
        files.addAll(pulled);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("user", user);
        line.put("event", "sync");
        line.put("commit", commit);
        line.put("previous", previous);
        line.put("committed", committed);
        line.put("pushed", pushed.size());
        line.put("pulled", pulled.size());
        line.put("conflicts", conflicts);
        line.put("files", files.stream().limit(MAX_FILES).toList());
        byte[] bytes = (JsonFiles.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(log, bytes, StandardOpenOption.APPEND);
    }
}
