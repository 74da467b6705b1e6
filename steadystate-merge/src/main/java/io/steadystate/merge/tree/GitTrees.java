package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.Blobs;
import io.steadystate.merge.tree.internal.GitTreeReader;
import java.io.IOException;
import java.util.Objects;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Snapshots of git trees, read in-process with JGit. Blobs are not read here: each entry reads its
 * blob from {@code repo} when asked, so the repository must stay open while the snapshot is used.
 */
public final class GitTrees {

    private GitTrees() {
    }

    /**
     * The tree of a commit, an annotated tag of one, or a tree object, walked recursively.
     *
     * @throws IllegalArgumentException if the id names a blob
     * @throws org.eclipse.jgit.errors.MissingObjectException if the object is not in {@code repo}
     */
    public static TreeSnapshot read(Repository repo, AnyObjectId commitOrTree) throws IOException {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(commitOrTree, "commitOrTree");
        return GitTreeReader.read(repo, commitOrTree);
    }

    /**
     * The tree of a revision such as {@code HEAD}, a branch name or an abbreviated id.
     *
     * @throws IllegalArgumentException if the revision does not resolve
     */
    public static TreeSnapshot read(Repository repo, String revision) throws IOException {
        Objects.requireNonNull(revision, "revision");
        ObjectId id = repo.resolve(revision);
        if (id == null) {
            throw new IllegalArgumentException("unknown revision: " + revision);
        }
        return read(repo, id);
    }

    /**
     * One entry whose content is the object {@code id} of {@code repo}: a blob, or for a
     * {@link EntryKind#GITLINK} the commit of a submodule (which need not be in {@code repo}).
     */
    public static TreeEntry entry(Repository repo, String path, EntryKind kind, AnyObjectId id) {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        ContentSource source = kind == EntryKind.GITLINK
                ? new io.steadystate.merge.tree.internal.GitlinkSource(Blobs.of(id.toObjectId()))
                : new io.steadystate.merge.tree.internal.GitBlobSource(repo, id.toObjectId());
        return new TreeEntry(path, kind, source);
    }

    /** Converts an id to JGit's type, for callers that go back to the repository. */
    public static ObjectId toObjectId(BlobId id) {
        return Blobs.toObjectId(Objects.requireNonNull(id, "id"));
    }
}
