package io.steadystate.sync.internal;

import io.steadystate.merge.tree.ConflictKind;
import io.steadystate.merge.tree.MergedEntry;
import io.steadystate.merge.tree.TreeConflict;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeMergeResult;
import io.steadystate.merge.tree.TreeSnapshot;
import io.steadystate.sync.SyncConflict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a tree merge into what a sync writes: the tree of the commit on the session branch, and the
 * changes to the worktree. Where the merge found a conflict, canonical keeps its version and the
 * worktree keeps the user's: with conflict markers for text, untouched otherwise; a file the user
 * deleted but canonical changed comes back, so that the next sync cannot delete the change unseen.
 * Versions the merge moved aside ({@code PATH~local}) are never committed.
 *
 * @param commit    the tree to commit, by path
 * @param targets   worktree paths to change, each with its new entry (null: delete), sorted
 * @param conflicts the conflicts, sorted by path
 * @param pushed    paths whose committed entry differs from canonical's, sorted
 */
public record SyncPlan(Map<String, TreeEntry> commit, Map<String, TreeEntry> targets, List<SyncConflict> conflicts,
        List<String> pushed) {

    public static SyncPlan of(TreeSnapshot local, TreeSnapshot canonical,
            TreeMergeResult merged, Set<String> untouchable) throws IOException {
        Set<String> asides = new HashSet<>();
        Map<String, List<TreeConflict>> byPath = new TreeMap<>();
        for (TreeConflict c : merged.conflicts()) {
            asides.addAll(c.savedAs());
            byPath.computeIfAbsent(c.path(), p -> new ArrayList<>()).add(c);
        }
        TreeMap<String, TreeEntry> commit = new TreeMap<>();
        for (MergedEntry e : merged.entries()) {
            String p = e.path();
            if (asides.contains(p) || byPath.containsKey(p) && !onlyMode(byPath.get(p))) {
                continue;
            }
            commit.put(p, e.toTreeEntry());
        }
        for (var c : byPath.entrySet()) {
            if (!onlyMode(c.getValue())) {
                canonical.get(c.getKey()).ifPresent(e -> commit.put(c.getKey(), e));
            }
        }
        separateFilesFromFolders(commit, canonical);

        TreeSet<String> paths = new TreeSet<>(local.asMap().keySet());
        paths.addAll(commit.keySet());
        paths.addAll(byPath.keySet());
        TreeMap<String, TreeEntry> targets = new TreeMap<>();
        for (String p : paths) {
            if (untouchable.contains(p) || asides.contains(p)) {
                continue;
            }
            TreeEntry l = local.get(p).orElse(null);
            TreeEntry t;
            List<TreeConflict> cs = byPath.get(p);
            if (cs == null || onlyMode(cs)) {
                t = commit.get(p);
            } else if (has(cs, ConflictKind.CONTENT)) {
                t = merged.get(p).map(MergedEntry::toTreeEntry).orElse(null);
            } else if (has(cs, ConflictKind.DELETE_MODIFY) && l == null) {
                t = canonical.get(p).orElse(null);
            } else {
                continue;
            }
            if (!Entries.same(l, t)) {
                targets.put(p, t);
            }
        }
        List<SyncConflict> conflicts = new ArrayList<>();
        for (TreeConflict c : merged.conflicts()) {
            conflicts.add(new SyncConflict(c.path(), c.kind(), sideNames(c.message())));
        }
        List<String> pushed = new ArrayList<>();
        TreeSet<String> all = new TreeSet<>(commit.keySet());
        all.addAll(canonical.asMap().keySet());
        for (String p : all) {
            if (!Entries.same(commit.get(p), canonical.get(p).orElse(null))) {
                pushed.add(p);
            }
        }
        return new SyncPlan(Collections.unmodifiableMap(commit), Collections.unmodifiableMap(targets),
                List.copyOf(conflicts), List.copyOf(pushed));
    }

    /** The merge engine's messages speak of "local" and "canonical"; a sync keeps canonical's, which is said. */
    private static String sideNames(String message) {
        return message.replace("local's version kept", "your version kept in your worktree, canonical's in canonical");
    }

    private static boolean onlyMode(List<TreeConflict> cs) {
        return cs.stream().allMatch(c -> c.kind() == ConflictKind.MODE);
    }

    private static boolean has(List<TreeConflict> cs, ConflictKind kind) {
        return cs.stream().anyMatch(c -> c.kind() == kind);
    }

    /**
     * A committed tree cannot hold a file where another entry needs a folder: keep canonical's side of
     * such a clash and drop the other.
     */
    private static void separateFilesFromFolders(TreeMap<String, TreeEntry> commit, TreeSnapshot canonical) {
        for (String p : new ArrayList<>(commit.keySet())) {
            if (!commit.containsKey(p)) {
                continue;
            }
            for (int i = p.indexOf('/'); i > 0; i = p.indexOf('/', i + 1)) {
                String folder = p.substring(0, i);
                if (commit.containsKey(folder)) {
                    if (canonical.contains(p)) {
                        commit.remove(folder);
                    } else {
                        commit.remove(p);
                    }
                    break;
                }
            }
        }
    }
}
