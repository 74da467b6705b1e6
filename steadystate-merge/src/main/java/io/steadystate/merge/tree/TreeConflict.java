package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.TreePaths;
import java.util.List;
import java.util.Objects;

/**
 * A path the merge could not settle on its own. The merged tree still holds every version: the one
 * chosen stays at {@code path} and displaced ones are under {@code savedAs}.
 *
 * @param path    the path in conflict
 * @param kind    what kind of conflict
 * @param message what happened and what was kept, for people
 * @param savedAs paths in the merged tree where displaced versions were saved; often empty
 */
public record TreeConflict(String path, ConflictKind kind, String message, List<String> savedAs) {

    public TreeConflict {
        TreePaths.check(path);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        savedAs = List.copyOf(savedAs);
        savedAs.forEach(TreePaths::check);
    }

    public TreeConflict(String path, ConflictKind kind, String message) {
        this(path, kind, message, List.of());
    }
}
