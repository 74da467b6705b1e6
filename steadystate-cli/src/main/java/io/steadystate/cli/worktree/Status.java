package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.sync.ConflictResolver;
import io.steadystate.sync.WorktreeState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;

/**
 * What {@code steadystate status} reports.
 *
 * @param state     the worktree's state file
 * @param incoming  how far the session branch has moved since the last sync
 * @param changes   the worktree's changes against the base of the next sync, in git's path order,
 *                  without the unresolved conflicts
 * @param conflicts paths the last sync left in conflict that still hold conflict markers, sorted
 */
record Status(WorktreeState state, Incoming incoming, List<Change> changes, List<String> conflicts) {

    Status {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
    }

    static Status of(OpenWorktree wt) throws IOException {
        NavigableMap<String, TreeEntry> base = wt.base();
        NavigableMap<String, TreeEntry> local = wt.local(base);
        List<String> conflicts = new ArrayList<>();
        for (String path : wt.state().conflicts()) {
            if (ConflictResolver.isUnresolved(wt.worktree(), path, local.get(path),
                    wt.state().keptConflicts().contains(path))) {
                conflicts.add(path);
            }
        }
        conflicts.sort(Comparison.GIT_ORDER);
        List<Change> changes = new ArrayList<>();
        for (Change c : Comparison.changes(base, local)) {
            if (!conflicts.contains(c.path())) {
                changes.add(c);
            }
        }
        Incoming incoming = Incoming.of(wt.repo(), wt.state().branch(), wt.lastSynced(), base, local);
        return new Status(wt.state(), incoming, changes, conflicts);
    }

    /** Whether there is nothing to sync and nothing to resolve. */
    boolean clean() {
        return changes.isEmpty() && conflicts.isEmpty();
    }
}
