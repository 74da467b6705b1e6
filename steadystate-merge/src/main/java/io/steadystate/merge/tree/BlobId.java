package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.Blobs;
import java.util.Locale;
import java.util.Objects;

/**
 * The git object id of an entry's content: the blob id for files and symlinks, the commit id for a
 * gitlink. Equal ids mean equal content, so most comparisons need not read any bytes.
 *
 * @param hex the id in lower-case hexadecimal (40 digits for SHA-1, 64 for SHA-256)
 */
public record BlobId(String hex) implements Comparable<BlobId> {

    public BlobId {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 40 && hex.length() != 64) {
            throw new IllegalArgumentException("not an object id: " + hex);
        }
        for (int i = 0; i < hex.length(); i++) {
            char ch = hex.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
                throw new IllegalArgumentException("not a lower-case hex object id: " + hex);
            }
        }
    }

    /** Parses an id in either case. */
    public static BlobId of(String hex) {
        return new BlobId(Objects.requireNonNull(hex, "hex").toLowerCase(Locale.ROOT));
    }

    /** The id git gives a blob with exactly these bytes ({@code git hash-object}). */
    public static BlobId forContent(byte[] content) {
        return Blobs.idFor(Objects.requireNonNull(content, "content"));
    }

    @Override
    public int compareTo(BlobId other) {
        return hex.compareTo(other.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
