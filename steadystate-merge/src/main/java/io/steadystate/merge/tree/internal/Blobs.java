package io.steadystate.merge.tree.internal;

import io.steadystate.merge.tree.BlobId;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/** Git object ids, computed the way git does and converted between JGit and the API. */
public final class Blobs {

    private Blobs() {
    }

    public static BlobId idFor(byte[] content) {
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            return of(f.idFor(Constants.OBJ_BLOB, content));
        }
    }

    /** Hashes exactly {@code length} bytes of {@code in}; fails if the stream holds more or fewer. */
    public static BlobId idFor(long length, InputStream in) throws IOException {
        try (ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
            ObjectId id = f.idFor(Constants.OBJ_BLOB, length, in);
            if (in.read() >= 0) {
                throw new IOException("content grew while it was being hashed");
            }
            return of(id);
        }
    }

    public static BlobId of(AnyObjectId id) {
        return new BlobId(id.name());
    }

    public static ObjectId toObjectId(BlobId id) {
        return ObjectId.fromString(id.hex());
    }
}
