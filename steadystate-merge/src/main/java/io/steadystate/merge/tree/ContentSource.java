package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.BytesSource;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where an entry's bytes come from. Snapshots hold sources, not bytes, so that a large tree costs
 * memory only for the files a merge actually reads.
 *
 * <p>Implementations must return the same bytes on every call, and a {@link #blobId()} that matches
 * them; equality should mean "same content".
 */
public interface ContentSource {

    /** Opens the content for reading; the caller closes the stream. */
    InputStream open() throws IOException;

    /** Reads the whole content. */
    default byte[] read() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /** The git id of the content; sources that must hash to find it compute it once and cache it. */
    BlobId blobId() throws IOException;

    /** A source holding a copy of {@code content}. */
    static ContentSource of(byte[] content) {
        return new BytesSource(content);
    }
}
