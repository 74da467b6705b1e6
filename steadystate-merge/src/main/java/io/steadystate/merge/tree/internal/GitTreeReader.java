package io.steadystate.merge.tree.internal;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Walks a git tree once, keeping ids only. */
public final class GitTreeReader {

    private GitTreeReader() {
    }

    public static TreeSnapshot read(Repository repo, AnyObjectId commitOrTree) throws IOException {
        List<TreeEntry> entries = new ArrayList<>();
        try (RevWalk revWalk = new RevWalk(repo); TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(treeOf(revWalk, commitOrTree));
            walk.setRecursive(true);
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode mode = walk.getFileMode(0);
                TreeEntry entry = switch (mode.getObjectType()) {
                    case org.eclipse.jgit.lib.Constants.OBJ_COMMIT ->
                            new TreeEntry(path, EntryKind.GITLINK, new GitlinkSource(Blobs.of(walk.getObjectId(0))));
                    default -> new TreeEntry(path, kindOf(mode, path), new GitBlobSource(repo, walk.getObjectId(0)));
                };
                entries.add(entry);
            }
        }
        return TreeSnapshot.of(entries);
    }

    private static RevTree treeOf(RevWalk revWalk, AnyObjectId id) throws IOException {
        RevObject object = revWalk.peel(revWalk.parseAny(id));
        if (object instanceof RevCommit commit) {
            return revWalk.parseTree(commit.getTree());
        }
        if (object instanceof RevTree tree) {
            return tree;
        }
        throw new IllegalArgumentException("not a commit or tree: " + id.name());
    }

    private static EntryKind kindOf(FileMode mode, String path) {
        if (FileMode.EXECUTABLE_FILE.equals(mode.getBits())) {
            return EntryKind.EXECUTABLE;
        }
        if (FileMode.SYMLINK.equals(mode.getBits())) {
            return EntryKind.SYMLINK;
        }
        if (FileMode.REGULAR_FILE.equals(mode.getBits())) {
            return EntryKind.FILE;
        }
        // Old repositories may hold modes such as 100664; git treats any blob mode as a plain file.
        if ((mode.getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
            return (mode.getBits() & 0111) != 0 ? EntryKind.EXECUTABLE : EntryKind.FILE;
        }
        throw new IllegalStateException("unexpected mode " + mode + " at " + path);
    }
}
