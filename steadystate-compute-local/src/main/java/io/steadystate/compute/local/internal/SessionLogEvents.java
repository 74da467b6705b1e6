package io.steadystate.compute.local.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadystate.api.SessionEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's {@code sync-log} and {@code activity-log} (JSON lines) as {@link SessionEvent}s: the one place
 * that knows where those logs are and what their lines look like.
 *
 * <p>Live views ask many times a second, so each session keeps what it parsed and how far it read each log;
 * a call reads only what was appended since (two {@code stat}s when nothing was). Only whole lines are taken,
 * so a line being written is read on the next call. Sequence numbers follow the order lines were found, so
 * they hold for the life of this object (the provider's): after a server restart a session's numbers start
 * again. The web page's readers do not outlive it (its sign-ins live in the server's memory too).
 */
final class SessionLogEvents {

    /** Bounds the memory of a session whose logs grow without end; older events are dropped first. */
    static final int MAX_EVENTS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Path, Parsed> sessions = new ConcurrentHashMap<>();

    /**
     * Events of the session laid out as {@code layout} after {@code afterSequence}; empty once its folder is
     * gone. The logs are the ones the layout names, which members can read but not write.
     */
    List<SessionEvent> after(SessionLayout layout, long afterSequence) {
        if (!Files.isDirectory(layout.dir())) {
            sessions.remove(layout.dir());
            return List.of();
        }
        return sessions.computeIfAbsent(layout.dir(), d -> new Parsed(layout)).after(afterSequence);
    }

    /** What one session's logs held when last read. */
    private static final class Parsed {
        private final Path syncLog;
        private final Path activityLog;
        private long syncOffset;
        private long activityOffset;
        private long lastSequence;
        private final List<SessionEvent> events = new ArrayList<>();

        Parsed(SessionLayout layout) {
            this.syncLog = layout.syncLog();
            this.activityLog = layout.activityLog();
        }

        synchronized List<SessionEvent> after(long afterSequence) {
            // The sync log first: a publish is written there and then in the activity log, which repeats it.
            syncOffset = read(syncLog, syncOffset, true);
            activityOffset = read(activityLog, activityOffset, false);
            int from = events.size();
            while (from > 0 && events.get(from - 1).sequence() > afterSequence) {
                from--;
            }
            return List.copyOf(events.subList(from, events.size()));
        }

        private long read(Path file, long offset, boolean syncLines) {
            try {
                if (Files.size(file) == offset) {
                    return offset; // the common case: a stat, no open
                }
            } catch (NoSuchFileException e) {
                return 0;
            } catch (IOException e) {
                return offset;
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < offset) {
                    offset = 0; // rewritten from scratch: read it again
                }
                if (size == offset) {
                    return offset;
                }
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - offset, 16 << 20));
                ch.read(buf, offset);
                byte[] bytes = buf.array();
                int start = 0;
                for (int i = 0; i < buf.position(); i++) {
                    if (bytes[i] == '\n') {
                        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                        parse(line, syncLines);
                        start = i + 1;
                    }
                }
                return offset + start;
            } catch (NoSuchFileException e) {
                return 0;
            } catch (IOException e) {
                return offset; // unreadable now; the next call tries again
            }
        }

        private void parse(String line, boolean syncLines) {
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (IOException e) {
                return;
            }
            if (o == null || !o.isObject()) {
                return;
            }
            String event = text(o, "event");
            Instant time = time(text(o, "time"));
            if (event == null || time == null) {
                return;
            }
            String user = text(o, "user");
            long seq = lastSequence + 1;
            SessionEvent e = syncLines ? syncEvent(seq, time, user, event, o) : activityEvent(seq, time, user, event, o);
            if (e != null) {
                lastSequence = seq;
                events.add(e);
                if (events.size() > MAX_EVENTS) {
                    events.subList(0, events.size() - MAX_EVENTS).clear();
                }
            }
        }

        private static SessionEvent syncEvent(long seq, Instant time, String user, String event, JsonNode o) {
            return switch (event) {
                case "sync" -> user == null ? null : new SessionEvent.Synced(seq, time, user, text(o, "commit"),
                        count(o, "pushed"), count(o, "pulled"), texts(o, "conflicts"), texts(o, "files"));
                case "publish" -> new SessionEvent.Published(seq, time, user, text(o, "branch"), text(o, "commit"),
                        text(o, "remote"));
                case "publish-failed" -> new SessionEvent.PublishFailed(seq, time, user, text(o, "reason"));
                default -> null;
            };
        }

        private static SessionEvent activityEvent(long seq, Instant time, String user, String event, JsonNode o) {
            return switch (event) {
                case "connect" -> user == null ? null : new SessionEvent.Connected(seq, time, user);
                case "disconnect" -> user == null ? null : new SessionEvent.Disconnected(seq, time, user);
                case "publish", "publish-failed" -> null; // the sync log has these, with their fields
                default -> new SessionEvent.Activity(seq, time, user, event, text(o, "details"));
            };
        }
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static int count(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n != null && n.isIntegralNumber() && n.canConvertToInt() ? Math.max(0, n.intValue()) : 0;
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
