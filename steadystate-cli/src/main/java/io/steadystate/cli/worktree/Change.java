package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.TreeEntry;
import java.util.Objects;

/**
 * One path that differs between the base of the next sync and the worktree.
 *
 * @param path   from the worktree's root, {@code /}-separated
 * @param kind   how it differs
 * @param before the base entry, or null when the path was added
 * @param after  the worktree's entry, or null when the path was deleted
 */
record Change(String path, ChangeKind kind, TreeEntry before, TreeEntry after) {

    Change {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }
}
