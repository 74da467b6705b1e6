package io.steadystate.sync;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeMergeResult;
import io.steadystate.merge.tree.TreeMerger;
import io.steadystate.merge.tree.TreeSnapshot;
import io.steadystate.sync.WorktreeState.BaseEntry;
import io.steadystate.sync.WorktreeState.Pending;
import io.steadystate.sync.internal.AtomicFiles;
import io.steadystate.sync.internal.Entries;
import io.steadystate.sync.internal.FileStamp;
import io.steadystate.sync.internal.LocalSnapshot;
import io.steadystate.sync.internal.StampedSource;
import io.steadystate.sync.internal.StatCache;
import io.steadystate.sync.internal.SyncLock;
import io.steadystate.sync.internal.SyncLogWriter;
import io.steadystate.sync.internal.SyncPlan;
import io.steadystate.sync.internal.TreeWriter;
import io.steadystate.sync.internal.WorktreeIndex;
import io.steadystate.sync.internal.WorktreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Syncs one worktree with its canonical repository.
 *
 * <p>Under the canonical repository's lock: base = the last synced commit (with the state file's
 * per-path overrides), local = the worktree on disk, canonical = the session branch's head; the three
 * trees are merged in-process; if the merged tree differs from canonical's, one commit is written on the
 * session branch and the branch moved with a compare-and-set; then the worktree's state records the
 * refresh about to happen, only the paths the merge changed are written (each checked first against
 * what the sync read), and the state moves to the new commit.
 *
 * <p>Killed at any point, canonical is at the old or the new commit, and the next sync finishes the
 * job: before the commit nothing changed; after it, a refresh that did not finish is recognised from the
 * state file's {@code pending} record, and paths it did not write keep their old base.
 */
public final class WorktreeSync {

    /** How long a sync waits for another one to finish, by default. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(2);
    /** The stat cache's file name in {@code .steadystate/}. */
    public static final String STAT_CACHE = "stat-cache";
    /** Where a sync keeps the user's own version of each conflicted file, in {@code .steadystate/}. */
    public static final String CONFLICTS_DIR = "conflicts";

    private final Worktree worktree;
    private final Duration lockTimeout;
    private final TreeMerger merger = new TreeMerger(TreeMerger.DEFAULT_OPTIONS.withLabels("canonical", "base", "yours"));

    public WorktreeSync(Worktree worktree) {
        this(worktree, DEFAULT_LOCK_TIMEOUT);
    }

    public WorktreeSync(Worktree worktree, Duration lockTimeout) {
        this.worktree = Objects.requireNonNull(worktree, "worktree");
        this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
    }

    /**
     * Runs one sync, authored by {@code author}, in this process: the {@linkplain #commit commit half}
     * and the {@linkplain #apply worktree half} under the worktree's own lock.
     */
    public SyncResult sync(Author author, SyncListener listener) throws SyncException {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(listener, "listener");
        try (Lock ignored = lockWorktree(author.login(), listener)) {
            return apply(commit(author, null, listener), listener);
        }
    }

    /**
     * Takes the worktree's own lock (in {@code .steadystate/}), which keeps two syncs of one worktree
     * from interleaving their halves; the holder runs {@link #commit} (here or in the session's sync
     * service) and then {@link #apply}.
     */
    public Lock lockWorktree(String holder, SyncListener listener) throws SyncException {
        try {
            Files.createDirectories(worktree.stateDir());
        } catch (IOException e) {
            throw new SyncException("could not create " + worktree.stateDir() + ": " + e.getMessage(), e);
        }
        SyncLock lock = SyncLock.acquire(worktree.stateDir(), holder, lockTimeout, listener);
        return lock::close;
    }

    /** A held lock; released by {@link #close()} (and by the kernel if the holder dies). */
    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The half of a sync that writes canonical, under canonical's lock: reads the worktree (and writes
     * nothing in it), merges, commits and logs. {@code requiredBranch}, when given, is the only branch the
     * worktree's state may name: a caller that serves people who can edit that state passes the session
     * branch, so that nobody can make it commit elsewhere.
     */
    public SyncCommit commit(Author author, String requiredBranch, SyncListener listener) throws SyncException {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        try (SyncLock lock = SyncLock.acquire(worktree.canonical(), author.login(), lockTimeout, listener);
                Repository repo = worktree.openCanonical()) {
            return new Run(repo, author, listener).commit(started, requiredBranch);
        } catch (IOException e) {
            throw new SyncException("sync failed: " + e.getMessage() + "; nothing was lost: run sync again", e);
        }
    }

    /**
     * The half of a sync that writes the worktree: records the refresh about to happen, keeps the user's
     * own version of each conflicted file, writes the targets that are still as the commit half read
     * them, points the worktree's git HEAD and index at the new commit and moves the state there. Reads
     * canonical only. The caller holds {@link #lockWorktree}.
     */
    public SyncResult apply(SyncCommit c, SyncListener listener) throws SyncException {
        Objects.requireNonNull(c, "commit");
        Objects.requireNonNull(listener, "listener");
        long started = System.nanoTime();
        if (c.upToDate()) {
            return new SyncResult(SyncResult.Status.UP_TO_DATE, c.commit(), c.previous(), false, List.of(), List.of(),
                    List.of(), List.of(), List.of(), Duration.ofNanos(c.tookNanos()));
        }
        try (Repository repo = worktree.openCanonical()) {
            return new Apply(repo, c, listener).run(started);
        } catch (IOException e) {
            throw new SyncException("could not update the worktree: " + e.getMessage()
                    + "; canonical has the sync, and the next sync finishes the job", e);
        }
    }

    /** One commit half, under canonical's lock. */
    private final class Run {
        private final Repository repo;
        private final Author author;
        private final SyncListener listener;

        Run(Repository repo, Author author, SyncListener listener) {
            this.repo = repo;
            this.author = author;
            this.listener = listener;
        }

        SyncCommit commit(long started, String requiredBranch) throws IOException, SyncException {
            WorktreeState state = worktree.readState();
            if (requiredBranch != null && !requiredBranch.equals(state.branch())) {
                throw new SyncException("the worktree's state names the branch " + state.branch()
                        + ", not this session's " + requiredBranch + "; sync refuses to commit there");
            }
            Ref ref = repo.exactRef(Constants.R_HEADS + state.branch());
            if (ref == null || ref.getObjectId() == null) {
                throw new SyncException("the session branch " + state.branch() + " is missing from canonical");
            }
            ObjectId head = ref.getObjectId();
            ObjectId synced = commit(state.lastSyncedCommit(), "last synced commit");

            // The base, and the conflicts of earlier syncs that may still be unresolved.
            ObjectId baseCommit = synced;
            Map<String, BaseEntry> overrides = new TreeMap<>(state.baseOverrides());
            Set<String> recorded = new TreeSet<>(state.conflicts());
            Set<String> kept = new TreeSet<>(state.keptConflicts());
            Pending pending = state.pending();
            if (pending != null) {
                listener.progress("finishing the previous sync, which stopped half-way");
                TreeSnapshot oldBase = Entries.withOverrides(repo, GitTrees.read(repo, synced), overrides);
                WorktreeWriter check = new WorktreeWriter(worktree.root());
                overrides = new TreeMap<>(pending.baseOverrides());
                for (var w : pending.written().entrySet()) {
                    TreeEntry target = w.getValue() == null ? null : Entries.entry(repo, w.getKey(), w.getValue());
                    if (!check.unchanged(w.getKey(), target)) {
                        overrides.put(w.getKey(), Entries.record(oldBase.get(w.getKey()).orElse(null)));
                    }
                }
                baseCommit = commit(pending.commit(), "commit of the interrupted sync");
                recorded.addAll(pending.conflicts());
                kept.addAll(pending.keptConflicts());
            }
            TreeSnapshot baseTree = GitTrees.read(repo, baseCommit);
            TreeSnapshot base = Entries.withOverrides(repo, baseTree, overrides);
            // Canonical is the base plus what others changed since: only the folders that differ are read.
            TreeSnapshot canonical = head.equals(baseCommit) ? baseTree : Entries.changed(repo, baseTree, baseCommit, head);

            listener.progress("reading the worktree");
            Path cacheFile = worktree.stateDir().resolve(STAT_CACHE);
            StatCache cache = StatCache.read(cacheFile);
            TreeSnapshot local = LocalSnapshot.read(worktree.root(), base, cache);

            // A path an earlier sync left in conflict is not pushed, nor touched, until resolved: a file that
            // still has conflict markers, or that is still exactly the user's side of the conflict.
            List<String> unresolved = new ArrayList<>();
            Map<String, TreeEntry> forMerge = new HashMap<>(local.asMap());
            for (String p : recorded) {
                TreeEntry l = local.get(p).orElse(null);
                if (ConflictResolver.isUnresolved(worktree, p, l, kept.contains(p))) {
                    unresolved.add(p);
                    base.get(p).ifPresentOrElse(b -> forMerge.put(p, b), () -> forMerge.remove(p));
                }
            }
            listener.progress("merging");
            TreeMergeResult merged = merger.merge(base, TreeSnapshot.of(forMerge.values()), canonical);
            SyncPlan plan = SyncPlan.of(local, canonical, merged, Set.copyOf(unresolved));

            boolean nothing = head.equals(synced) && pending == null && plan.pushed().isEmpty()
                    && plan.targets().isEmpty() && plan.conflicts().isEmpty() && unresolved.isEmpty() && recorded.isEmpty();
            if (nothing) {
                return new SyncCommit(head.name(), head.name(), false, true, false, List.of(), Map.of(), Map.of(),
                        List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), System.nanoTime() - started);
            }

            ObjectId newHead = head;
            boolean committed = false;
            if (!plan.pushed().isEmpty()) {
                listener.progress("committing " + plan.pushed().size() + " file" + (plan.pushed().size() == 1 ? "" : "s"));
                java.util.SortedMap<String, TreeEntry> changes = new TreeMap<>();
                for (String p : plan.pushed()) {
                    changes.put(p, plan.commit().get(p));
                }
                newHead = new TreeWriter(repo).commitChanges(changes, head, author, message(plan.pushed()));
                TreeWriter.moveBranch(repo, state.branch(), head, newHead, author.login());
                committed = true;
            }
            List<String> conflictPaths = plan.conflicts().stream().map(SyncConflict::path).distinct().sorted().toList();
            SyncLogWriter.append(worktree.syncLog().orElse(null), author.login(), newHead.name(), head.name(),
                    plan.pushed(), List.copyOf(plan.targets().keySet()), conflictPaths, committed);

            Map<String, BaseEntry> nextOverrides = new TreeMap<>();
            for (String p : unresolved) {
                nextOverrides.put(p, Entries.record(base.get(p).orElse(null)));
            }
            Map<String, BaseEntry> targets = new TreeMap<>();
            Map<String, BaseEntry> expected = new TreeMap<>();
            // The worktree half reads what it writes from canonical: content that only the merge made (a file
            // with conflict markers) is stored there as a loose object no commit references.
            try (org.eclipse.jgit.lib.ObjectInserter inserter = repo.newObjectInserter()) {
                for (var t : plan.targets().entrySet()) {
                    TreeEntry target = t.getValue();
                    if (target != null && target.kind() != EntryKind.GITLINK
                            && !repo.getObjectDatabase().has(ObjectId.fromString(target.blobId().hex()))) {
                        inserter.insert(Constants.OBJ_BLOB, target.read());
                    }
                    targets.put(t.getKey(), Entries.record(target));
                    expected.put(t.getKey(), Entries.record(local.get(t.getKey()).orElse(null)));
                }
                inserter.flush();
            }
            List<String> nextConflicts = new ArrayList<>(conflictPaths);
            nextConflicts.addAll(unresolved);
            // Conflicts where the worktree keeps the user's version as it is (no markers to find later).
            List<String> nextKept = new ArrayList<>();
            for (String p : conflictPaths) {
                if (!plan.targets().containsKey(p) && local.contains(p)) {
                    nextKept.add(p);
                }
            }
            for (String p : unresolved) {
                if (kept.contains(p)) {
                    nextKept.add(p);
                }
            }
            // What this sync hashed that the stat cache did not know, for the worktree half to remember.
            List<String> learned = new ArrayList<>();
            for (TreeEntry e : local.entries()) {
                if (e.content() instanceof StampedSource st && st.hasId() && !targets.containsKey(e.path())
                        && cache.lookup(e.path(), st.stamp()) == null) {
                    learned.add(StatCache.line(e.path(), st.stamp(), st.blobId()));
                }
            }
            return new SyncCommit(newHead.name(), head.name(), committed, false, pending != null, plan.pushed(), targets,
                    expected, plan.conflicts(), unresolved, nextConflicts, nextOverrides, nextKept, learned,
                    System.nanoTime() - started);
        }

        private ObjectId commit(String hex, String what) throws SyncException, IOException {
            ObjectId id = ObjectId.fromString(hex);
            if (!repo.getObjectDatabase().has(id)) {
                throw new SyncException("the " + what + " " + hex + " is not in canonical; the worktree's state does not"
                        + " belong to this session");
            }
            try (RevWalk walk = new RevWalk(repo)) {
                walk.parseCommit(id);
            }
            return id;
        }

        private String message(List<String> pushed) {
            StringBuilder sb = new StringBuilder(author.login()).append(": sync ").append(pushed.size())
                    .append(pushed.size() == 1 ? " file" : " files").append("\n\n");
            int shown = Math.min(pushed.size(), 20);
            for (int i = 0; i < shown; i++) {
                sb.append(pushed.get(i)).append('\n');
            }
            if (pushed.size() > shown) {
                sb.append("... and ").append(pushed.size() - shown).append(" more\n");
            }
            return sb.toString();
        }

    }

    /** One worktree half: writes only the worktree (and its git index), reads canonical. */
    private final class Apply {
        private final Repository repo;
        private final SyncCommit c;
        private final SyncListener listener;

        Apply(Repository repo, SyncCommit c, SyncListener listener) {
            this.repo = repo;
            this.c = c;
            this.listener = listener;
        }

        SyncResult run(long started) throws IOException, SyncException {
            WorktreeState state = worktree.readState();
            Map<String, TreeEntry> targets = new TreeMap<>();
            for (var t : c.targets().entrySet()) {
                targets.put(t.getKey(), t.getValue() == null ? null : Entries.entry(repo, t.getKey(), t.getValue()));
            }
            // Keep the user's own version of every conflicted path before the worktree changes.
            for (String p : c.conflicts().stream().map(SyncConflict::path).distinct().sorted().toList()) {
                saveOwnVersion(p);
            }
            state.withPending(new Pending(c.commit(), c.targets(), c.nextConflicts(), c.nextOverrides(), c.nextKept()))
                    .write(worktree.stateFile());

            listener.progress("updating the worktree");
            Map<String, BaseEntry> nextOverrides = new TreeMap<>(c.nextOverrides());
            List<String> skipped = refresh(targets, nextOverrides);
            ObjectId newHead = ObjectId.fromString(c.commit());
            StatCache stamps = writeStatCache(targets, skipped);
            if (!c.commit().equals(state.lastSyncedCommit()) || c.finishesPending()) {
                writeHead(newHead);
                try {
                    WorktreeIndex.write(repo, worktree, newHead, stamps::stamp);
                } catch (IOException e) {
                    // Only git's own view of the worktree depends on it (a leftover index.lock, say).
                    listener.progress("could not update the worktree's git index (" + e.getMessage()
                            + "); git status there may show others' changes until the next sync");
                }
            }
            state.synced(c.commit(), c.nextConflicts(), nextOverrides, c.nextKept()).write(worktree.stateFile());

            List<String> pulled = new ArrayList<>(targets.keySet());
            pulled.removeAll(skipped);
            SyncResult.Status status = c.conflicts().isEmpty() && c.unresolved().isEmpty()
                    ? SyncResult.Status.SYNCED : SyncResult.Status.CONFLICTS;
            return new SyncResult(status, c.commit(), c.previous(), c.committed(), c.pushed(), pulled, c.conflicts(),
                    c.unresolved(), skipped, Duration.ofNanos(c.tookNanos() + System.nanoTime() - started));
        }

        /** Copies the worktree's version of a conflicted path, as it is now, under {@code .steadystate/conflicts/}. */
        private void saveOwnVersion(String path) throws IOException {
            if (!LocalSnapshot.insideWorktree(worktree.root(), path)) {
                return;
            }
            Path file = worktree.root().resolve(path);
            java.nio.file.attribute.BasicFileAttributes a;
            try {
                a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (java.nio.file.NoSuchFileException e) {
                return;
            }
            if (!a.isRegularFile() && !a.isSymbolicLink()) {
                return;
            }
            Path copy = ConflictCopies.of(worktree).place(path);
            if (copy == null) {
                return;
            }
            Files.deleteIfExists(copy);
            Files.createDirectories(copy.getParent());
            if (a.isSymbolicLink()) {
                AtomicFiles.symlink(copy, Files.readSymbolicLink(file).toString());
            } else {
                boolean x = Files.getPosixFilePermissions(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        .contains(java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
                AtomicFiles.write(copy, Files.readAllBytes(file), x ? "rwx------" : "rw-------");
            }
        }

        /** Writes the targets whose paths are still as the commit half read them; returns the others, sorted. */
        private List<String> refresh(Map<String, TreeEntry> targets, Map<String, BaseEntry> nextOverrides)
                throws IOException, SyncException {
            WorktreeWriter writer = new WorktreeWriter(worktree.root());
            List<String> skipped = new ArrayList<>();
            // Deletions first, deepest first, so that a file can replace a folder it empties.
            List<String> order = new ArrayList<>();
            targets.forEach((p, t) -> {
                if (t == null) {
                    order.add(p);
                }
            });
            order.sort(java.util.Comparator.reverseOrder());
            targets.forEach((p, t) -> {
                if (t != null) {
                    order.add(p);
                }
            });
            TreeSnapshot base = null;
            for (String p : order) {
                BaseEntry seen = c.expected().get(p);
                TreeEntry expected = seen == null ? null : Entries.entry(repo, p, seen);
                boolean done = false;
                if (writer.unchanged(p, expected)) {
                    try {
                        writer.apply(p, targets.get(p));
                        done = true;
                    } catch (IOException e) {
                        listener.progress("could not update " + p + ": " + e.getMessage());
                    }
                }
                if (!done) {
                    skipped.add(p);
                    if (base == null) {
                        WorktreeState state = worktree.readState();
                        base = Entries.withOverrides(repo, GitTrees.read(repo, ObjectId.fromString(state.lastSyncedCommit())),
                                state.baseOverrides());
                    }
                    nextOverrides.put(p, Entries.record(base.get(p).orElse(null)));
                }
            }
            skipped.sort(null);
            return skipped;
        }

        /** Points the worktree's HEAD at the commit it now matches, so that git log there shows the session's history. */
        private void writeHead(ObjectId commit) throws IOException {
            AtomicFiles.write(worktree.gitDir().resolve(Constants.HEAD), (commit.name() + "\n").getBytes(StandardCharsets.US_ASCII),
                    "rw-r--r--");
        }

        /**
         * The cache as it was, plus what the commit half hashed, less the paths written, plus the new
         * stamps of the files written; returns what it wrote.
         */
        private StatCache writeStatCache(Map<String, TreeEntry> targets, List<String> skipped) throws IOException {
            Path file = worktree.stateDir().resolve(STAT_CACHE);
            StatCache.Builder next = StatCache.read(file).toBuilder();
            c.learned().forEach(next::putLine);
            for (var t : targets.entrySet()) {
                next.remove(t.getKey());
                if (t.getValue() != null && t.getValue().kind().isRegularFile() && !skipped.contains(t.getKey())) {
                    try {
                        next.put(t.getKey(), FileStamp.of(worktree.root().resolve(t.getKey())), t.getValue().blobId());
                    } catch (IOException e) {
                        // changed again already: hashed next time
                    }
                }
            }
            return next.write(file);
        }
    }
}
