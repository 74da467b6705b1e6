package io.steadystate.sync;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Where a sync keeps the user's own side of each conflicted path: {@code .steadystate/conflicts/PATH}. */
final class ConflictCopies {

    private final Path dir;

    private ConflictCopies(Path dir) {
        this.dir = dir;
    }

    static ConflictCopies of(Worktree worktree) {
        return new ConflictCopies(worktree.stateDir().resolve(WorktreeSync.CONFLICTS_DIR));
    }

    /** Where the copy of {@code path} goes, or null for a path that would leave the folder. */
    Path place(String path) {
        Path copy = dir.resolve(path).normalize();
        return copy.startsWith(dir) && !copy.equals(dir) ? copy : null;
    }

    /** The copy of {@code path} when there is one (a file or a symlink), else null. */
    Path file(String path) {
        Path copy = place(path);
        return copy != null && Files.exists(copy, LinkOption.NOFOLLOW_LINKS) ? copy : null;
    }
}
