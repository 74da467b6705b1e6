package io.steadystate.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened in a running session, as its compute provider reports it: who connected, who
 * synced (and which paths that sync left in conflict), what was published. Numbered by {@link #sequence()}
 * in the order the provider learnt of them, so that a reader can ask only for what is new.
 *
 * <p>Carries paths, never file contents: everyone who may see the session may see every event.
 */
public sealed interface SessionEvent {

    /** Increasing within one session for as long as the provider runs it; starts at 1. */
    long sequence();

    Instant time();

    /** The login the event concerns, or null when it concerns the session itself. */
    String user();

    /** Someone opened an SSH connection. */
    record Connected(long sequence, Instant time, String user) implements SessionEvent {
        public Connected {
            check(sequence, time);
            Objects.requireNonNull(user, "user");
        }
    }

    /** Someone closed an SSH connection (they may hold others). */
    record Disconnected(long sequence, Instant time, String user) implements SessionEvent {
        public Disconnected {
            check(sequence, time);
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * A sync of {@code user}'s worktree with the session branch.
     *
     * @param commit    the session branch's head after the sync, when known
     * @param pushed    files taken from the worktree
     * @param pulled    files brought into it
     * @param conflicts paths the sync left in conflict in that worktree: that member's open conflicts until their next sync
     * @param files     paths it changed (providers may cut the list short)
     */
    record Synced(long sequence, Instant time, String user, String commit, int pushed, int pulled,
            List<String> conflicts, List<String> files) implements SessionEvent {
        public Synced {
            check(sequence, time);
            Objects.requireNonNull(user, "user");
            if (pushed < 0 || pulled < 0) {
                throw new IllegalArgumentException("pushed and pulled cannot be negative");
            }
            conflicts = List.copyOf(conflicts == null ? List.of() : conflicts);
            files = List.copyOf(files == null ? List.of() : files);
        }
    }

    /** The session branch was pushed to the repository the session came from. */
    record Published(long sequence, Instant time, String user, String branch, String commit, String remote)
            implements SessionEvent {
        public Published {
            check(sequence, time);
        }
    }

    /** A publish was refused; {@code reason} says why, for people. */
    record PublishFailed(long sequence, Instant time, String user, String reason) implements SessionEvent {
        public PublishFailed {
            check(sequence, time);
        }
    }

    /** Any other line of the session's activity (a shell opened, a command run, the session provisioned). */
    record Activity(long sequence, Instant time, String user, String kind, String details) implements SessionEvent {
        public Activity {
            check(sequence, time);
            Objects.requireNonNull(kind, "kind");
        }
    }

    private static void check(long sequence, Instant time) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        Objects.requireNonNull(time, "time");
    }
}
