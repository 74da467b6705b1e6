package io.steadystate.sync.internal;

import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * A worktree file with the stamp it had when the sync looked at it. Its blob id comes from the stat
 * cache when the stamp matches, else from hashing the file once.
 */
public final class StampedSource implements ContentSource {

    private final Path file;
    private final FileStamp stamp;
    private volatile BlobId id;

    public StampedSource(Path file, FileStamp stamp, BlobId knownId) {
        this.file = Objects.requireNonNull(file, "file");
        this.stamp = Objects.requireNonNull(stamp, "stamp");
        this.id = knownId;
    }

    public Path file() {
        return file;
    }

    public FileStamp stamp() {
        return stamp;
    }

    /** Whether the id is known without reading the file again. */
    public boolean hasId() {
        return id != null;
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public BlobId blobId() throws IOException {
        BlobId result = id;
        if (result == null) {
            result = hash(file);
            id = result;
        }
        return result;
    }

    /** The git blob id of a file's content. */
    public static BlobId hash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            long size = Files.size(file);
            return BlobId.of(new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, size, in).name());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StampedSource s && s.file.equals(file) && s.stamp.equals(stamp);
    }

    @Override
    public int hashCode() {
        return file.hashCode();
    }

    @Override
    public String toString() {
        return "file " + file;
    }
}
