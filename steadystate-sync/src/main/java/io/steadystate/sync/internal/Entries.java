package io.steadystate.sync.internal;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.GitTrees;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeSnapshot;
import io.steadystate.sync.WorktreeState.BaseEntry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** Conversions between tree entries, their recorded form in the state file, and git file modes. */
public final class Entries {

    private Entries() {
    }

    /** Whether two entries (either may be null for "absent") are the same kind with the same content. */
    public static boolean same(TreeEntry a, TreeEntry b) throws IOException {
        return a == null ? b == null : b != null && a.sameAs(b);
    }

    public static BaseEntry record(TreeEntry e) throws IOException {
        return e == null ? null : new BaseEntry(e.kind().name().toLowerCase(Locale.ROOT), e.blobId().hex());
    }

    public static TreeEntry entry(Repository repo, String path, BaseEntry recorded) {
        EntryKind kind = EntryKind.valueOf(recorded.kind().toUpperCase(Locale.ROOT));
        return GitTrees.entry(repo, path, kind, ObjectId.fromString(recorded.id()));
    }

    /** {@code tree} with each overridden path replaced by its recorded entry, or removed when that is null. */
    public static TreeSnapshot withOverrides(Repository repo, TreeSnapshot tree, Map<String, BaseEntry> overrides) {
        if (overrides.isEmpty()) {
            return tree;
        }
        Map<String, TreeEntry> map = new HashMap<>(tree.asMap());
        for (var o : overrides.entrySet()) {
            if (o.getValue() == null) {
                map.remove(o.getKey());
            } else {
                map.put(o.getKey(), entry(repo, o.getKey(), o.getValue()));
            }
        }
        return TreeSnapshot.of(map.values());
    }

    /**
     * The tree of commit {@code to}, given {@code fromTree}, the snapshot of commit {@code from}: a
     * two-tree walk that skips every subtree both commits share.
     */
    public static TreeSnapshot changed(Repository repo, TreeSnapshot fromTree, org.eclipse.jgit.lib.AnyObjectId from,
            org.eclipse.jgit.lib.AnyObjectId to) throws IOException {
        Map<String, TreeEntry> map = new HashMap<>(fromTree.asMap());
        try (org.eclipse.jgit.revwalk.RevWalk rw = new org.eclipse.jgit.revwalk.RevWalk(repo);
                org.eclipse.jgit.treewalk.TreeWalk walk = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
            walk.addTree(rw.parseCommit(from).getTree());
            walk.addTree(rw.parseCommit(to).getTree());
            walk.setRecursive(true);
            walk.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode mode = walk.getFileMode(1);
                EntryKind kind = kind(mode);
                if (kind == null) {
                    map.remove(path);
                } else {
                    map.put(path, GitTrees.entry(repo, path, kind, walk.getObjectId(1)));
                }
            }
        }
        return TreeSnapshot.of(map.values());
    }

    private static EntryKind kind(FileMode mode) {
        if (mode == FileMode.REGULAR_FILE) {
            return EntryKind.FILE;
        } else if (mode == FileMode.EXECUTABLE_FILE) {
            return EntryKind.EXECUTABLE;
        } else if (mode == FileMode.SYMLINK) {
            return EntryKind.SYMLINK;
        } else if (mode == FileMode.GITLINK) {
            return EntryKind.GITLINK;
        }
        return null;
    }

    public static FileMode mode(EntryKind kind) {
        return switch (kind) {
            case FILE -> FileMode.REGULAR_FILE;
            case EXECUTABLE -> FileMode.EXECUTABLE_FILE;
            case SYMLINK -> FileMode.SYMLINK;
            case GITLINK -> FileMode.GITLINK;
        };
    }
}
