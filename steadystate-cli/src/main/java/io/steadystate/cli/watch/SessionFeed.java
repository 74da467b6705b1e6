package io.steadystate.cli.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** A session folder's two logs, followed as they grow, and the model they add up to. */
final class SessionFeed {

    static final String SYNC_LOG = "sync-log";
    static final String ACTIVITY_LOG = "activity-log";

    private final LogFollower syncLog;
    private final LogFollower activityLog;
    private SessionModel model;

    SessionFeed(Path sessionDir, SessionInfo info) {
        this.syncLog = new LogFollower(sessionDir.resolve(SYNC_LOG));
        this.activityLog = new LogFollower(sessionDir.resolve(ACTIVITY_LOG));
        this.model = SessionModel.of(info);
    }

    /** The session in {@code sessionDir}; reads its {@code session-info.json} (not its logs yet). */
    static SessionFeed open(Path sessionDir) {
        return new SessionFeed(sessionDir, SessionInfo.read(sessionDir));
    }

    SessionModel model() {
        return model;
    }

    /**
     * Reads what both logs gained since the last poll.
     *
     * @return whether the model changed
     * @throws UncheckedIOException when a log exists but cannot be read
     */
    boolean poll() {
        SessionModel before = model;
        try {
            LogFollower.Batch s = syncLog.poll();
            if (s.restarted()) {
                model = model.withoutSyncs();
            }
            model = model.withSyncLines(s.lines()).withUnreadable(s.dropped(), 0);
            LogFollower.Batch a = activityLog.poll();
            if (a.restarted()) {
                model = model.withoutActivity();
            }
            model = model.withActivityLines(a.lines()).withUnreadable(0, a.dropped()).withMissing(s.missing(), a.missing());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the session logs: " + e.getMessage(), e);
        }
        return !model.equals(before);
    }

    /**
     * Takes in the last line of each log even without its new line. A single rendering does this at the end,
     * since nothing will complete the line before it prints; a live dashboard waits for the new line instead.
     * An unfinished line that does not read as an entry is left out without being counted as unreadable.
     */
    void takePendingLines() {
        String s = syncLog.pendingLine();
        if (!s.isBlank() && LogLines.sync(s).isPresent()) {
            model = model.withSyncLines(List.of(s));
        }
        String a = activityLog.pendingLine();
        if (!a.isBlank() && LogLines.activity(a).isPresent()) {
            model = model.withActivityLines(List.of(a));
        }
    }
}
