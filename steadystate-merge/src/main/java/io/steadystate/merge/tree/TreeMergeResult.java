package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.TreePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The outcome of a tree merge.
 *
 * @param entries   the merged tree, sorted by path (as {@link TreeSnapshot} orders them), unique paths
 * @param conflicts the conflicts, sorted by path, then kind
 * @param stats     counts of what happened
 */
public record TreeMergeResult(List<MergedEntry> entries, List<TreeConflict> conflicts, MergeStats stats) {

    public TreeMergeResult {
        entries = List.copyOf(entries);
        conflicts = List.copyOf(conflicts);
        Objects.requireNonNull(stats, "stats");
        TreeSet<String> paths = new TreeSet<>();
        String previous = null;
        for (MergedEntry e : entries) {
            if (previous != null && previous.compareTo(e.path()) >= 0) {
                throw new IllegalArgumentException("entries not sorted by unique path at " + e.path());
            }
            previous = e.path();
            paths.add(e.path());
        }
        TreePaths.checkNoFileIsADirectory(paths);
        TreeConflict last = null;
        for (TreeConflict c : conflicts) {
            if (last != null && (last.path().compareTo(c.path()) > 0
                    || last.path().equals(c.path()) && last.kind().compareTo(c.kind()) > 0)) {
                throw new IllegalArgumentException("conflicts not sorted at " + c.path());
            }
            last = c;
        }
    }

    public boolean isClean() {
        return conflicts.isEmpty();
    }

    public Optional<MergedEntry> get(String path) {
        int lo = 0;
        int hi = entries.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = entries.get(mid).path().compareTo(path);
            if (cmp == 0) {
                return Optional.of(entries.get(mid));
            }
            if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    public List<String> paths() {
        return entries.stream().map(MergedEntry::path).toList();
    }

    /** The conflicts at {@code path}. */
    public List<TreeConflict> conflictsAt(String path) {
        return conflicts.stream().filter(c -> c.path().equals(path)).toList();
    }

    /** The merged tree as a snapshot, for writing it out or merging it again. */
    public TreeSnapshot toSnapshot() {
        List<TreeEntry> list = new ArrayList<>(entries.size());
        for (MergedEntry e : entries) {
            list.add(e.toTreeEntry());
        }
        return TreeSnapshot.of(list);
    }
}
