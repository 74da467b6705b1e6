package io.steadystate.merge.tree.internal;

import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/** A blob read from a repository's object database when first needed; equal when the ids are. */
public final class GitBlobSource implements ContentSource {

    private final Repository repository;
    private final ObjectId id;

    public GitBlobSource(Repository repository, ObjectId id) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.id = id.copy();
    }

    @Override
    public InputStream open() throws IOException {
        return repository.open(id, Constants.OBJ_BLOB).openStream();
    }

    @Override
    public byte[] read() throws IOException {
        return repository.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }

    @Override
    public BlobId blobId() {
        return Blobs.of(id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GitBlobSource g && g.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "blob " + id.name();
    }
}
