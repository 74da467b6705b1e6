package io.steadystate.sync;

import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.sync.internal.AtomicFiles;
import io.steadystate.sync.internal.SyncLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Settles a conflict an earlier sync reported, the way the user chooses: keep their own side (the next
 * sync pushes it) or take canonical's (the worktree gets what the session branch has now). Until then a
 * sync neither pushes nor touches the path.
 */
public final class ConflictResolver {

    /** Whose version a resolved path keeps. */
    public enum Choice {
        /** The user's own side, as it was when the conflict was found. */
        MINE,
        /** What the session branch holds now. */
        CANONICAL
    }

    private final Worktree worktree;

    public ConflictResolver(Worktree worktree) {
        this.worktree = Objects.requireNonNull(worktree, "worktree");
    }

    /** Resolves each of {@code paths} (worktree-relative); all of them must be recorded conflicts. */
    public void resolve(List<String> paths, Choice choice) throws SyncException {
        Objects.requireNonNull(choice, "choice");
        try (SyncLock lock = SyncLock.acquire(worktree.stateDir(), "resolve", Duration.ofMinutes(2), m -> { });
                Repository repo = worktree.openCanonical()) {
            WorktreeState state = worktree.readState();
            List<String> missing = new ArrayList<>(paths);
            missing.removeAll(state.conflicts());
            if (!missing.isEmpty()) {
                throw new SyncException("no conflict is recorded at " + String.join(", ", missing)
                        + "; 'steadystate status' lists the unresolved ones");
            }
            ConflictCopies copies = ConflictCopies.of(worktree);
            for (String path : paths) {
                Path file = worktree.root().resolve(path);
                if (choice == Choice.MINE) {
                    Path copy = copies.file(path);
                    if (copy == null) {
                        Files.deleteIfExists(file);
                    } else {
                        restore(copy, file);
                        Files.delete(copy);
                    }
                } else {
                    Ref ref = repo.exactRef(Constants.R_HEADS + state.branch());
                    TreeEntry theirs = ref == null ? null : GitTrees.read(repo, ref.getObjectId()).get(path).orElse(null);
                    write(theirs, file);
                    Path copy = copies.file(path);
                    if (copy != null) {
                        Files.delete(copy);
                    }
                }
            }
            state.withoutConflicts(paths).write(worktree.stateFile());
        } catch (IOException e) {
            throw new SyncException("could not resolve: " + e.getMessage() + "; nothing else was changed", e);
        }
    }

    /**
     * Whether the conflict an earlier sync recorded at {@code path} is still open, given the worktree's
     * entry there ({@code local}, null when absent): the file still has conflict markers, or, for a
     * conflict where the worktree kept the user's version ({@code kept}), it is still exactly that version.
     */
    public static boolean isUnresolved(Worktree worktree, String path, TreeEntry local, boolean kept) throws IOException {
        if (local == null) {
            return false;
        }
        if (local.kind().isRegularFile() && io.steadystate.sync.internal.Markers.present(local.read())) {
            return true;
        }
        if (!kept) {
            return false;
        }
        Path copy = ConflictCopies.of(worktree).file(path);
        if (copy == null) {
            return false;
        }
        if (local.kind() == io.steadystate.merge.tree.EntryKind.SYMLINK) {
            return Files.isSymbolicLink(copy)
                    && Files.readSymbolicLink(copy).toString().equals(new String(local.read(), StandardCharsets.UTF_8));
        }
        return local.kind().isRegularFile() && Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)
                && io.steadystate.sync.internal.StampedSource.hash(copy).equals(local.blobId());
    }

    private static void restore(Path copy, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.isSymbolicLink(copy)) {
            AtomicFiles.symlink(file, Files.readSymbolicLink(copy).toString());
        } else {
            boolean x = Files.getPosixFilePermissions(copy, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
            AtomicFiles.write(file, Files.readAllBytes(copy), x ? "rwxr-xr-x" : "rw-r--r--");
        }
    }

    private static void write(TreeEntry entry, Path file) throws IOException {
        if (entry == null) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(file.getParent());
        switch (entry.kind()) {
            case SYMLINK -> AtomicFiles.symlink(file, new String(entry.read(), StandardCharsets.UTF_8));
            case EXECUTABLE -> AtomicFiles.write(file, entry.read(), "rwxr-xr-x");
            case FILE -> AtomicFiles.write(file, entry.read(), "rw-r--r--");
            case GITLINK -> Files.createDirectories(file);
        }
    }

}
