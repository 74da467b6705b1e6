package io.steadystate.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A session worktree on disk: a git worktree whose objects come from the canonical repository (a
 * repository of its own that borrows them, or a linked worktree), with a
 * {@code .steadystate/steadystate.json} at its root.
 *
 * @param root      the worktree's top folder
 * @param gitDir    the worktree's private git folder
 * @param canonical the canonical (bare) repository
 */
public record Worktree(Path root, Path gitDir, Path canonical) {

    /** The folder inside every worktree that holds SteadyState's state; never synced. */
    public static final String STATE_DIR = ".steadystate";
    /** The state file inside {@link #STATE_DIR}. */
    public static final String STATE_FILE = "steadystate.json";

    public Worktree {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(gitDir, "gitDir");
        Objects.requireNonNull(canonical, "canonical");
    }

    /**
     * The worktree that holds {@code start} (a file or folder inside it, at any depth).
     *
     * @throws SyncException if {@code start} is not inside a session worktree
     */
    public static Worktree locate(Path start) throws SyncException {
        Path dir = start.toAbsolutePath().normalize();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(STATE_DIR).resolve(STATE_FILE), LinkOption.NOFOLLOW_LINKS)
                    && Files.exists(p.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return open(p);
            }
        }
        throw new SyncException(dir + " is not inside a SteadyState worktree (no .steadystate/steadystate.json above it);"
                + " run this inside your session worktree");
    }

    /**
     * The worktree whose top folder is {@code root}: a linked worktree of canonical ({@code .git} is a
     * file naming its git folder inside canonical), or a repository of its own ({@code .git} is a folder)
     * that borrows canonical's objects through {@code objects/info/alternates}, as session worktrees are.
     */
    public static Worktree open(Path root) throws SyncException {
        Path top = root.toAbsolutePath().normalize();
        Path dotGit = top.resolve(".git");
        try {
            if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                return new Worktree(top, dotGit, borrowedFrom(dotGit));
            }
            if (!Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                throw new SyncException(top + " is not a session worktree (it has no .git)");
            }
            String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
            if (!line.startsWith("gitdir:")) {
                throw new SyncException(dotGit + " does not name a git folder");
            }
            Path gitDir = top.resolve(line.substring("gitdir:".length()).strip()).normalize();
            Path commonFile = gitDir.resolve("commondir");
            Path canonical = Files.isRegularFile(commonFile)
                    ? gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).strip()).normalize()
                    : gitDir;
            return checked(new Worktree(top, gitDir, canonical));
        } catch (IOException e) {
            throw new SyncException("could not read " + dotGit + ": " + e.getMessage(), e);
        }
    }

    /**
     * The worktree at {@code root} whose canonical repository is {@code canonical}, whatever the worktree's
     * own files say: for a process that may write canonical and serves someone who may edit the worktree.
     * The worktree's git folder must be its own {@code .git} folder.
     */
    public static Worktree open(Path root, Path canonical) throws SyncException {
        Path top = root.toAbsolutePath().normalize();
        Path dotGit = top.resolve(".git");
        if (!Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            throw new SyncException(top + " is not a session worktree (its .git is not a folder)");
        }
        return checked(new Worktree(top, dotGit, canonical.toAbsolutePath().normalize()));
    }

    private static Worktree checked(Worktree w) throws SyncException {
        if (!Files.isDirectory(w.canonical().resolve("objects"))) {
            throw new SyncException("the canonical repository " + w.canonical() + " of this worktree is missing");
        }
        return w;
    }

    /** The repository whose objects {@code gitDir} borrows: the first line of its alternates, less {@code /objects}. */
    private static Path borrowedFrom(Path gitDir) throws IOException, SyncException {
        Path alternates = gitDir.resolve("objects").resolve("info").resolve("alternates");
        if (!Files.isRegularFile(alternates)) {
            throw new SyncException(gitDir + " borrows no repository's objects; it is not a session worktree");
        }
        for (String line : Files.readAllLines(alternates, StandardCharsets.UTF_8)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                Path objects = gitDir.resolve("objects").resolve(t).normalize();
                Path canonical = objects.getParent();
                if (canonical != null && objects.getFileName().toString().equals("objects")) {
                    return checked(new Worktree(gitDir.getParent(), gitDir, canonical)).canonical();
                }
            }
        }
        throw new SyncException(alternates + " names no repository's objects folder");
    }

    /** {@code .steadystate/} of this worktree. */
    public Path stateDir() {
        return root.resolve(STATE_DIR);
    }

    /** {@code .steadystate/steadystate.json} of this worktree. */
    public Path stateFile() {
        return stateDir().resolve(STATE_FILE);
    }

    /** The session folder ({@code sessions/<id>/}) when the canonical repository sits in one. */
    public Optional<Path> sessionDir() {
        Path parent = canonical.getParent();
        return parent != null && canonical.getFileName().toString().equals("canonical")
                ? Optional.of(parent) : Optional.empty();
    }

    /** The session's {@code sync-log}, when this worktree belongs to a session folder. */
    public Optional<Path> syncLog() {
        return sessionDir().map(d -> d.resolve("sync-log"));
    }

    /** The path of {@code file} relative to the worktree's root, with {@code /} separators. */
    public String relativePath(Path file) {
        Path rel = root.relativize(file.toAbsolutePath().normalize());
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }

    /**
     * Opens the canonical repository. JGit measures each file system's timestamp resolution before its
     * first repository access, which takes seconds, and keeps the result under the JVM's user.home; in a
     * session that folder is not the user's and is not kept, so every command would pay again. Here the
     * measurement runs in the background: sync keeps its own stat cache and never relies on JGit's
     * racy-file detection across processes.
     */
    public org.eclipse.jgit.lib.Repository openCanonical() throws java.io.IOException {
        org.eclipse.jgit.util.FS.FileStoreAttributes.setBackground(true);
        return new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(canonical.toFile()).setBare()
                .setMustExist(true).build();
    }

    /**
     * The base of this worktree's next sync: the tree of its last synced commit in {@code canonical},
     * with the state's per-path overrides applied.
     */
    public io.steadystate.merge.tree.TreeSnapshot baseTree(org.eclipse.jgit.lib.Repository canonical,
            WorktreeState state) throws java.io.IOException {
        var tree = io.steadystate.merge.tree.GitTrees.read(canonical,
                org.eclipse.jgit.lib.ObjectId.fromString(state.lastSyncedCommit()));
        return io.steadystate.sync.internal.Entries.withOverrides(canonical, tree, state.baseOverrides());
    }

    /**
     * The worktree as sync reads it, against {@code base}: {@code .gitignore} and the built-in ignores
     * apply, a path {@code base} tracks stays tracked although an ignore rule matches it, and a
     * submodule of {@code base} counts as unchanged while a folder is at its path. Unchanged files are
     * recognised from the stat cache without being read.
     */
    public io.steadystate.merge.tree.TreeSnapshot localTree(io.steadystate.merge.tree.TreeSnapshot base)
            throws java.io.IOException {
        return io.steadystate.sync.internal.LocalSnapshot.read(root, base,
                io.steadystate.sync.internal.StatCache.read(stateDir().resolve(WorktreeSync.STAT_CACHE)));
    }

    /** Reads the worktree's state file. */
    public WorktreeState readState() throws SyncException {
        return WorktreeState.read(stateFile());
    }
}
