package io.steadystate.sync;

import io.steadystate.merge.tree.ConflictKind;
import java.util.Objects;

/**
 * A path the sync could not merge. Canonical kept its version; the worktree kept the user's (with
 * conflict markers for {@link ConflictKind#CONTENT}), and a copy of the user's version is under
 * {@code .steadystate/conflicts/}.
 */
public record SyncConflict(String path, ConflictKind kind, String message) {

    public SyncConflict {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
