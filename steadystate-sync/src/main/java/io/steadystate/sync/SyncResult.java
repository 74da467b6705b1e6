package io.steadystate.sync;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one sync did.
 *
 * @param status     the outcome
 * @param commit     the session branch's head after the sync
 * @param previous   the session branch's head before it
 * @param committed  whether the sync wrote a commit
 * @param pushed     paths the sync took from the worktree into canonical, sorted
 * @param pulled     paths the sync wrote (or deleted) in the worktree, sorted
 * @param conflicts  paths it could not merge, sorted
 * @param unresolved paths not pushed because they still hold conflict markers from an earlier sync
 * @param skipped    paths left alone because they changed on disk while the sync ran
 * @param took       how long the sync took, lock wait included
 * @param tooLarge   worktree files over the size limit: not read, pushed or overwritten
 * @param refused    paths of canonical that no worktree may hold ({@code ..}, {@code .git}): not written
 */
public record SyncResult(Status status, String commit, String previous, boolean committed, List<String> pushed,
        List<String> pulled, List<SyncConflict> conflicts, List<String> unresolved, List<String> skipped,
        Duration took, List<String> tooLarge, List<String> refused) {

    /** The outcome of a sync. */
    public enum Status {
        /** Nothing changed on either side; nothing was written. */
        UP_TO_DATE,
        /** Everything merged. */
        SYNCED,
        /** Some paths could not be merged or still hold conflict markers; the rest was synced. */
        CONFLICTS
    }

    public SyncResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(previous, "previous");
        pushed = List.copyOf(pushed);
        pulled = List.copyOf(pulled);
        conflicts = List.copyOf(conflicts);
        unresolved = List.copyOf(unresolved);
        skipped = List.copyOf(skipped);
        tooLarge = List.copyOf(tooLarge);
        refused = List.copyOf(refused);
        Objects.requireNonNull(took, "took");
    }
}
