package io.steadystate.server.internal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import io.steadystate.api.SessionEvent;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionInfo;
import io.steadystate.auth.VerifiedToken;
import io.steadystate.server.internal.http.Json;
import io.steadystate.server.internal.sessions.SessionService;
import io.steadystate.server.internal.store.StoredSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-sent events for the pages: each stream sends HTML fragments rendered (and escaped) by
 * {@link SessionViews}, as {@code replace} (a region changed) and {@code prepend} (new timeline entries)
 * messages. A stream runs on its own virtual thread, checks who is watching on every tick, and ends when
 * the person signs out, loses sight of the session, goes away, or the server stops.
 */
final class LiveStreams implements AutoCloseable {

    /** A sync shows on the session page well within a second. */
    static final long SESSION_TICK_MS = 250;
    static final long LIST_TICK_MS = 1000;
    /** A comment this often finds out that a browser went away, and keeps proxies from closing the stream. */
    static final long HEARTBEAT_MS = 15_000;
    /** The store is asked about the session (its state, whether the watcher may still see it) once a second. */
    static final int STORE_EVERY_TICKS = 4;
    /** Regions show ages ("3 min ago"): they are rendered again at least this often. */
    static final long RERENDER_MS = 10_000;

    private final SessionService sessions;
    private final Activities activities;
    private final WebSessions webSessions;
    private final Creators creators;
    private final Clock clock;
    private volatile boolean closed;

    LiveStreams(SessionService sessions, Activities activities, WebSessions webSessions, Clock clock) {
        this.sessions = sessions;
        this.activities = activities;
        this.webSessions = webSessions;
        this.creators = new Creators(sessions);
        this.clock = clock;
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The sessions page: the cards, sent again whenever what they show changes (a new session, presence, state). */
    void sessions(HttpExchange ex, String cookie) throws IOException {
        try (OutputStream out = open(ex)) {
            String last = null;
            long lastWrite = System.currentTimeMillis();
            while (!closed) {
                Optional<VerifiedToken> caller = webSessions.caller(cookie);
                if (caller.isEmpty()) {
                    send(out, "signed-out", null, "{}");
                    return;
                }
                String cards = cards(caller.get());
                if (!cards.equals(last)) {
                    send(out, "replace", null, json(Map.of("target", "sessions", "html", cards)));
                    last = cards;
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > HEARTBEAT_MS) {
                    heartbeat(out);
                    lastWrite = System.currentTimeMillis();
                }
                if (!sleep(LIST_TICK_MS)) {
                    return;
                }
            }
        }
    }

    /** One session's page: new timeline entries as they happen, and members, conflicts, publishes and summary when they change. */
    void session(HttpExchange ex, String cookie, SessionId id, long afterSequence) throws IOException {
        try (OutputStream out = open(ex)) {
            long after = afterSequence;
            Map<String, String> shown = new HashMap<>();
            long lastWrite = System.currentTimeMillis();
            long tick = 0;
            StoredSession stored = null;
            boolean creator = false;
            // What the regions were last rendered from: they are rendered again only when it changes, or
            // every few seconds for the ages they show, not on every tick of every stream.
            long renderedSequence = -1;
            Instant renderedUpdate = null;
            long renderedAt = 0;
            while (!closed) {
                Optional<VerifiedToken> caller = webSessions.caller(cookie);
                if (caller.isEmpty()) {
                    send(out, "signed-out", null, "{}");
                    return;
                }
                if (stored == null || tick % STORE_EVERY_TICKS == 0) {
                    Optional<StoredSession> found = sessions.find(caller.get(), id);
                    if (found.isEmpty()) {
                        send(out, "gone", null, "{}");
                        return;
                    }
                    stored = found.get();
                    creator = SessionService.isCreator(caller.get(), stored);
                }
                tick++;
                SessionInfo info = stored.info();
                SessionActivity activity = activities.of(info);
                Instant now = clock.instant();
                boolean wrote = false;
                List<SessionEvent> fresh = activity.recentAfter(after);
                if (!fresh.isEmpty()) {
                    after = fresh.getLast().sequence();
                    send(out, "prepend", Long.toString(after), json(Map.of("target", "timeline", "html", SessionViews.timeline(fresh))));
                    wrote = true;
                }
                long sequence = activity.lastSequence();
                if (sequence != renderedSequence || !info.updatedAt().equals(renderedUpdate)
                        || System.currentTimeMillis() - renderedAt > RERENDER_MS) {
                    renderedSequence = sequence;
                    renderedUpdate = info.updatedAt();
                    renderedAt = System.currentTimeMillis();
                    var members = activity.members(info);
                    Map<String, String> regions = Map.of(
                            "summary", SessionViews.summary(info, creator, now),
                            "members", SessionViews.members(members, now),
                            "conflicts", SessionViews.conflicts(members),
                            "publishes", SessionViews.publishes(activity.recentAfter(0), now));
                    for (var r : regions.entrySet()) {
                        if (!r.getValue().equals(shown.get(r.getKey()))) {
                            send(out, "replace", null, json(Map.of("target", r.getKey(), "html", r.getValue())));
                            wrote = true;
                            shown.put(r.getKey(), r.getValue());
                        }
                    }
                }
                if (wrote) {
                    out.flush();
                    lastWrite = System.currentTimeMillis();
                } else if (System.currentTimeMillis() - lastWrite > HEARTBEAT_MS) {
                    heartbeat(out);
                    lastWrite = System.currentTimeMillis();
                }
                if (!sleep(SESSION_TICK_MS)) {
                    return;
                }
            }
        }
    }

    /** The session cards {@code caller} sees now: the sessions page and its stream render the same. */
    String cards(VerifiedToken caller) {
        Instant now = clock.instant();
        List<SessionInfo> list = sessions.list(caller);
        return SessionViews.cards(list, s -> activities.of(s).connectedLogins(s),
                s -> creators.isCreator(caller, s), now);
    }

    private static OutputStream open(HttpExchange ex) throws IOException {
        WebExchange.securityHeaders(ex);
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "text/event-stream; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Accel-Buffering", "no");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        return out;
    }

    private static void send(OutputStream out, String event, String id, String data) throws IOException {
        StringBuilder b = new StringBuilder(data.length() + 64);
        b.append("event: ").append(event).append('\n');
        if (id != null) {
            b.append("id: ").append(id).append('\n');
        }
        // JSON from Jackson holds no raw line breaks, so the data is one line.
        b.append("data: ").append(data).append("\n\n");
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void heartbeat(OutputStream out) throws IOException {
        out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String json(Map<String, String> message) {
        try {
            return Json.MAPPER.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean sleep(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
