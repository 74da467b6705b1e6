package io.steadystate.server.internal.web;

import io.steadystate.api.SessionEvent;
import io.steadystate.api.SessionInfo;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a session's events add up to: who is connected, each member's last sync and open conflicts, and the
 * latest events for the timeline. Folded incrementally, so each call costs only what is new.
 */
final class SessionActivity {

    /** The timeline keeps this many of the latest events. */
    static final int RECENT = 200;

    private final Map<String, Integer> connections = new HashMap<>();
    private final Map<String, Instant> lastSync = new HashMap<>();
    private final Map<String, List<String>> conflicts = new HashMap<>();
    private final Deque<SessionEvent> recent = new ArrayDeque<>();
    private long lastSequence;

    synchronized long lastSequence() {
        return lastSequence;
    }

    synchronized void add(List<SessionEvent> events) {
        for (SessionEvent e : events) {
            if (e.sequence() <= lastSequence) {
                continue;
            }
            lastSequence = e.sequence();
            String who = e.user() == null ? null : e.user().toLowerCase(Locale.ROOT);
            switch (e) {
                case SessionEvent.Connected c -> connections.merge(who, 1, Integer::sum);
                case SessionEvent.Disconnected d -> connections.computeIfPresent(who, (k, n) -> n <= 1 ? null : n - 1);
                case SessionEvent.Synced s -> {
                    lastSync.put(who, s.time());
                    conflicts.put(who, s.conflicts());
                }
                case SessionEvent.Published p -> { }
                case SessionEvent.PublishFailed f -> { }
                case SessionEvent.Activity a -> { }
            }
            recent.addLast(e);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
    }

    /** The creator, the allowed users and the viewers, in that order, with anyone else seen connecting last. */
    synchronized List<MemberState> members(SessionInfo info) {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(info.creator(), "creator");
        info.allowedUsers().forEach(l -> roles.putIfAbsent(l, "member"));
        info.viewers().forEach(l -> roles.putIfAbsent(l, "viewer"));
        List<MemberState> out = new ArrayList<>();
        for (var r : roles.entrySet()) {
            String key = r.getKey().toLowerCase(Locale.ROOT);
            out.add(new MemberState(r.getKey(), r.getValue(), connections.getOrDefault(key, 0), lastSync.get(key),
                    conflicts.getOrDefault(key, List.of())));
        }
        return out;
    }

    /** How many distinct people are connected now. */
    synchronized int connectedPeople() {
        return connections.size();
    }

    /** Logins connected now, sorted. */
    synchronized List<String> connectedLogins(SessionInfo info) {
        return members(info).stream().filter(MemberState::connected).map(MemberState::login).toList();
    }

    /** The latest events after {@code afterSequence}, oldest first. */
    synchronized List<SessionEvent> recentAfter(long afterSequence) {
        return recent.stream().filter(e -> e.sequence() > afterSequence).toList();
    }
}
