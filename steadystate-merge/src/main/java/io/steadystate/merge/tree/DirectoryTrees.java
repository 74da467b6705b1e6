package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.DirectoryWalker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Snapshots of directories on disk, with the files git would consider part of the work tree.
 *
 * <p>Ignored are: paths matched by {@code .gitignore} files at any depth (deeper files take
 * precedence, negations work as in git, and an ignored directory is not entered, so its contents
 * cannot be re-included); paths matched by {@code info/exclude} of the repository when the directory
 * is the root of a git work tree or linked worktree; and always {@link #BUILT_IN_IGNORES}. The user's
 * global {@code core.excludesFile} is not read, so that a snapshot does not depend on who takes it.
 *
 * <p>Symlinks are not followed: they become {@link EntryKind#SYMLINK} entries whose content is the
 * target. A regular file with the owner's execute permission is {@link EntryKind#EXECUTABLE}. A
 * subdirectory holding a {@code .git} file or directory is another repository (a submodule checkout or
 * a nested clone): it is skipped entirely and nothing is recorded for it. Empty directories, sockets
 * and other special files are skipped too.
 *
 * <p>Files are not read: entries read them when asked, and hash them to find their blob id.
 */
public final class DirectoryTrees {

    /**
     * Patterns, in {@code .gitignore} syntax, excluded from every directory snapshot whatever the
     * ignore files say: repository metadata, SteadyState's session folder, editor swap and backup
     * files, and macOS folder metadata.
     */
    public static final List<String> BUILT_IN_IGNORES =
            List.of(".git", ".steadystate/", "*.swp", "*.swo", "*~", ".#*", ".DS_Store");

    private DirectoryTrees() {
    }

    /**
     * Walks {@code root} and its subdirectories.
     *
     * @throws java.nio.file.NotDirectoryException if {@code root} is not a directory
     */
    public static TreeSnapshot read(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        return DirectoryWalker.walk(root, BUILT_IN_IGNORES);
    }
}
