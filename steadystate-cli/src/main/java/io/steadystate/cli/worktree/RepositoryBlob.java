package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ContentSource;
import io.steadystate.merge.tree.EntryKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The content of a base override: a blob of the canonical repository, or for a gitlink the commit id
 * in hex (as {@link io.steadystate.merge.tree.GitTrees} gives it).
 */
record RepositoryBlob(Repository repo, ObjectId id, EntryKind kind) implements ContentSource {

    @Override
    public InputStream open() throws IOException {
        if (kind == EntryKind.GITLINK) {
            return new ByteArrayInputStream(id.name().getBytes(StandardCharsets.US_ASCII));
        }
        return repo.open(id, Constants.OBJ_BLOB).openStream();
    }

    @Override
    public BlobId blobId() {
        return BlobId.of(id.name());
    }
}
