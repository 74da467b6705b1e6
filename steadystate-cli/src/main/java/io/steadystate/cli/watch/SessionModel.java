package io.steadystate.cli.watch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the dashboard knows about a session, built from its logs. Each {@code with...} method returns a new
 * model; only the most recent {@link #KEEP} events of each log are kept, while who is connected is counted over
 * the whole activity log.
 *
 * @param session           the session's {@code session-info.json}
 * @param presence          who is connected now, by login
 * @param syncs             the most recent sync-log events, oldest first
 * @param activity          the most recent activity-log events, oldest first
 * @param unreadableSyncs   sync-log lines that could not be read
 * @param unreadableActivity activity-log lines that could not be read
 * @param syncLogMissing     the session folder has no sync-log
 * @param activityLogMissing the session folder has no activity-log
 */
public record SessionModel(SessionInfo session, Map<String, Presence> presence, List<SyncEvent> syncs,
                           List<ActivityEvent> activity, int unreadableSyncs, int unreadableActivity,
                           boolean syncLogMissing, boolean activityLogMissing) {

    /** Events of each log kept for display. */
    public static final int KEEP = 200;

    public SessionModel {
        Objects.requireNonNull(session, "session");
        presence = Collections.unmodifiableMap(new TreeMap<>(presence));
        syncs = List.copyOf(syncs);
        activity = List.copyOf(activity);
    }

    /** A session whose logs were not read yet. */
    public static SessionModel of(SessionInfo session) {
        return new SessionModel(session, Map.of(), List.of(), List.of(), 0, 0, false, false);
    }

    /** Who is connected, by login. */
    public List<Presence> connected() {
        return List.copyOf(presence.values());
    }

    /** This model after {@code lines} were appended to the activity log. */
    public SessionModel withActivityLines(List<String> lines) {
        Map<String, Presence> p = new TreeMap<>(presence);
        List<ActivityEvent> events = new ArrayList<>(activity);
        int bad = unreadableActivity;
        for (String line : lines) {
            var parsed = LogLines.activity(line);
            if (parsed.isEmpty()) {
                bad++;
                continue;
            }
            ActivityEvent e = parsed.get();
            count(p, e);
            events.add(e);
        }
        return new SessionModel(session, p, syncs, recent(events), unreadableSyncs, bad, syncLogMissing,
                activityLogMissing);
    }

    /** This model after {@code lines} were appended to the sync log. */
    public SessionModel withSyncLines(List<String> lines) {
        List<SyncEvent> events = new ArrayList<>(syncs);
        int bad = unreadableSyncs;
        for (String line : lines) {
            var parsed = LogLines.sync(line);
            if (parsed.isEmpty()) {
                bad++;
            } else {
                events.add(parsed.get());
            }
        }
        return new SessionModel(session, presence, recent(events), activity, bad, unreadableActivity, syncLogMissing,
                activityLogMissing);
    }

    /** This model with more unreadable lines (too long to be log entries) in each log. */
    public SessionModel withUnreadable(int syncLines, int activityLines) {
        return new SessionModel(session, presence, syncs, activity, unreadableSyncs + syncLines,
                unreadableActivity + activityLines, syncLogMissing, activityLogMissing);
    }

    /** This model with nothing read from the activity log (it is read again from its start). */
    public SessionModel withoutActivity() {
        return new SessionModel(session, Map.of(), syncs, List.of(), unreadableSyncs, 0, syncLogMissing,
                activityLogMissing);
    }

    /** This model with nothing read from the sync log (it is read again from its start). */
    public SessionModel withoutSyncs() {
        return new SessionModel(session, presence, List.of(), activity, 0, unreadableActivity, syncLogMissing,
                activityLogMissing);
    }

    /** This model noting which logs are missing from the session folder. */
    public SessionModel withMissing(boolean syncLog, boolean activityLog) {
        return new SessionModel(session, presence, syncs, activity, unreadableSyncs, unreadableActivity, syncLog,
                activityLog);
    }

    private static void count(Map<String, Presence> p, ActivityEvent e) {
        switch (e.event()) {
            case "connect" -> {
                if (e.user() != null) {
                    Presence old = p.get(e.user());
                    p.put(e.user(), old == null ? new Presence(e.user(), e.time(), 1)
                            : new Presence(e.user(), old.since(), old.connections() + 1));
                }
            }
            case "disconnect" -> {
                Presence old = e.user() == null ? null : p.get(e.user());
                if (old != null) {
                    if (old.connections() <= 1) {
                        p.remove(e.user());
                    } else {
                        p.put(e.user(), new Presence(e.user(), old.since(), old.connections() - 1));
                    }
                }
            }
            // A terminated session holds no connections, whatever disconnects were never logged.
            case "terminate" -> p.clear();
            default -> {
                // other events do not change who is connected
            }
        }
    }

    private static <T> List<T> recent(List<T> events) {
        return events.size() <= KEEP ? events : events.subList(events.size() - KEEP, events.size());
    }
}
