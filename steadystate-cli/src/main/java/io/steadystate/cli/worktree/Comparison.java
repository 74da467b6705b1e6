package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.TreeEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The worktree against the base of its next sync, path by path. */
final class Comparison {

    /** Git's order of paths: by their UTF-8 bytes, unsigned. */
    static final Comparator<String> GIT_ORDER = Comparator.comparing(
            (String s) -> s.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned);

    private Comparison() {
    }

    /** The changes from {@code base} to {@code local}, sorted in git's order. */
    static List<Change> changes(Map<String, TreeEntry> base, Map<String, TreeEntry> local) throws IOException {
        TreeSet<String> paths = new TreeSet<>(GIT_ORDER);
        paths.addAll(base.keySet());
        paths.addAll(local.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            TreeEntry b = base.get(path);
            TreeEntry l = local.get(path);
            ChangeKind kind = kind(b, l);
            if (kind != null) {
                changes.add(new Change(path, kind, b, l));
            }
        }
        return changes;
    }

    /** How {@code after} differs from {@code before} (either may be null), or null when it does not. */
    static ChangeKind kind(TreeEntry before, TreeEntry after) throws IOException {
        if (before == null) {
            return after == null ? null : ChangeKind.ADDED;
        }
        if (after == null) {
            return ChangeKind.DELETED;
        }
        boolean sameContent = before.blobId().equals(after.blobId());
        if (before.kind() == after.kind()) {
            return sameContent ? null : ChangeKind.MODIFIED;
        }
        if (before.kind().isRegularFile() && after.kind().isRegularFile()) {
            return sameContent ? ChangeKind.MODE_CHANGED : ChangeKind.MODIFIED;
        }
        return ChangeKind.TYPE_CHANGED;
    }

    /** Whether two entries (either may be null) are the same: both absent, or same kind and content. */
    static boolean same(TreeEntry a, TreeEntry b) throws IOException {
        return a == null || b == null ? a == b : kind(a, b) == null;
    }
}
