package io.steadystate.cli.worktree;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeSnapshot;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import io.steadystate.sync.WorktreeState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.NavigableMap;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import picocli.CommandLine;

/**
 * A session worktree opened for reading: its state, its canonical repository (open until
 * {@link #close()}), the base of its next sync and what is on disk.
 */
final class OpenWorktree implements AutoCloseable {

    private final Worktree worktree;
    private final WorktreeState state;
    private final Repository repo;
    private final Path cwd;

    private OpenWorktree(Worktree worktree, WorktreeState state, Repository repo, Path cwd) {
        this.worktree = worktree;
        this.state = state;
        this.repo = repo;
        this.cwd = cwd;
    }

    /**
     * The worktree that holds {@code cwd}.
     *
     * @throws CliException (exit 255) outside a worktree, or when its state or repository is damaged
     */
    static OpenWorktree open(Path cwd) {
        Worktree wt;
        WorktreeState state;
        try {
            wt = Worktree.locate(cwd);
            state = wt.readState();
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage(), e);
        }
        try {
            Repository repo = wt.openCanonical();
            return new OpenWorktree(wt, state, repo, cwd.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot open the canonical repository " + wt.canonical() + ": "
                    + e.getMessage(), e);
        }
    }

    Worktree worktree() {
        return worktree;
    }

    WorktreeState state() {
        return state;
    }

    Repository repo() {
        return repo;
    }

    /** The last synced commit. */
    ObjectId lastSynced() {
        return ObjectId.fromString(state.lastSyncedCommit());
    }

    /**
     * The base of the next sync: the tree of the last synced commit, with the state's base overrides
     * (an override of null removes the path).
     */
    NavigableMap<String, TreeEntry> base() throws IOException {
        try {
            return worktree.baseTree(repo, state).asMap();
        } catch (MissingObjectException e) {
            throw new CliException(Main.EXIT_ERROR, "the last synced commit " + state.lastSyncedCommit()
                    + " is not in the canonical repository; the worktree's sync state is damaged");
        }
    }

    /** What is on disk, exactly as sync reads it against {@code base}. */
    NavigableMap<String, TreeEntry> local(NavigableMap<String, TreeEntry> base) throws IOException {
        return worktree.localTree(TreeSnapshot.of(base.values())).asMap();
    }

    /** Every change of the worktree against {@code base}, sorted by path. */
    List<Change> changes(NavigableMap<String, TreeEntry> base) throws IOException {
        return Comparison.changes(base, local(base));
    }

    /** {@code path} (from the worktree's root) relative to the current folder, as git shows paths. */
    String display(String path) {
        Path rel = cwd.relativize(worktree.root().resolve(path));
        String s = rel.toString().replace(java.io.File.separatorChar, '/');
        return s.isEmpty() ? "." : s;
    }

    /**
     * A path argument (relative to the current folder) as a path from the worktree's root; the empty
     * string for the root itself.
     *
     * @throws CommandLine.ParameterException (exit 129) when it lies outside the worktree
     */
    String argument(CommandLine cmd, String arg) {
        Path p = cwd.resolve(arg).normalize();
        if (!p.startsWith(worktree.root())) {
            throw new CommandLine.ParameterException(cmd, "'" + arg + "' is outside the worktree " + worktree.root());
        }
        return worktree.relativePath(p);
    }

    /** Whether {@code path} is {@code prefix} or lies beneath it; everything lies beneath "". */
    static boolean within(String path, String prefix) {
        return prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + "/");
    }

    @Override
    public void close() {
        repo.close();
    }
}
