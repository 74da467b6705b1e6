package io.steadystate.sync.internal;

import io.steadystate.sync.Worktree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;

/**
 * The worktree's git index, rewritten to the commit sync just moved its HEAD to, so that {@code git
 * status} and {@code git diff} in the worktree show the user's unsynced changes rather than everyone
 * else's changes staged backwards. Sizes and modification times come from disk as hints; git still
 * checks every file whose change time it did not record itself, so a stale hint costs a re-read, never a
 * wrong answer.
 */
public final class WorktreeIndex {

    private WorktreeIndex() {
    }

    /**
     * Writes the index of {@code commit}, taking each file's size and time from {@code known} (what the
     * sync already learned about the worktree), and asking the file system only about the others.
     */
    public static void write(Repository repo, Worktree worktree, ObjectId commit,
            java.util.function.Function<String, FileStamp> known) throws IOException {
        DirCache index = DirCache.lock(worktree.gitDir().resolve("index").toFile(), FS.DETECTED);
        try {
            DirCacheBuilder builder = index.builder();
            try (RevWalk rw = new RevWalk(repo); TreeWalk walk = new TreeWalk(repo)) {
                walk.addTree(rw.parseCommit(commit).getTree());
                walk.setRecursive(true);
                while (walk.next()) {
                    DirCacheEntry e;
                    try {
                        e = new DirCacheEntry(walk.getRawPath());
                    } catch (org.eclipse.jgit.dircache.InvalidPathException invalid) {
                        // A path git would not check out either (sync did not write it): not in the index.
                        continue;
                    }
                    FileMode mode = walk.getFileMode(0);
                    e.setFileMode(mode);
                    e.setObjectId(walk.getObjectId(0));
                    if (mode != FileMode.GITLINK) {
                        FileStamp stamp = known.apply(walk.getPathString());
                        if (stamp != null) {
                            e.setLength(stamp.size());
                            e.setLastModified(java.time.Instant.ofEpochSecond(0, stamp.modifiedNanos()));
                        } else {
                            stat(worktree.root().resolve(walk.getPathString()), e);
                        }
                    }
                    builder.add(e);
                }
            }
            builder.finish();
            index.write();
            index.commit();
        } finally {
            index.unlock();
        }
    }

    private static void stat(Path file, DirCacheEntry e) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            e.setLength(a.size());
            e.setLastModified(a.lastModifiedTime().toInstant());
        } catch (NoSuchFileException missing) {
            // git will see it as deleted, which it is
        }
    }
}
