package io.steadystate.merge.tree.internal;

import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ContentSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/** Content held in memory: symlink targets, merged files, trees built by hand. */
public final class BytesSource implements ContentSource {

    private final byte[] bytes;
    private volatile BlobId id;

    public BytesSource(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public byte[] read() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public BlobId blobId() {
        BlobId result = id;
        if (result == null) {
            result = Blobs.idFor(bytes);
            id = result;
        }
        return result;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesSource b && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "bytes[" + bytes.length + "]";
    }
}
