package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.TreePaths;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of a merged tree: either content taken unchanged from an input entry, which need not be
 * read or written again, or bytes the merge produced.
 */
public sealed interface MergedEntry permits MergedEntry.Kept, MergedEntry.Written {

    String path();

    EntryKind kind();

    byte[] read() throws IOException;

    BlobId blobId() throws IOException;

    /** This entry as a tree entry, for building a snapshot of the merged tree. */
    TreeEntry toTreeEntry();

    /**
     * Content of {@code source}, an entry of the {@code side} snapshot. The path differs from the
     * source's when a conflict moved the entry aside, and the kind when only the other side changed
     * the executable bit.
     */
    record Kept(String path, EntryKind kind, Side side, TreeEntry source) implements MergedEntry {

        public Kept {
            TreePaths.check(path);
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(source, "source");
        }

        /** Kept exactly as the source entry, same path and kind. */
        public static Kept of(Side side, TreeEntry source) {
            return new Kept(source.path(), source.kind(), side, source);
        }

        /** Whether the canonical tree already holds exactly this entry, so nothing needs writing. */
        public boolean isInPlace() {
            return side == Side.CANONICAL && path.equals(source.path()) && kind == source.kind();
        }

        @Override
        public byte[] read() throws IOException {
            return source.read();
        }

        @Override
        public BlobId blobId() throws IOException {
            return source.blobId();
        }

        @Override
        public TreeEntry toTreeEntry() {
            return new TreeEntry(path, kind, source.content());
        }
    }

    /** Bytes produced by a text merge; they hold conflict markers when the path has a conflict. */
    record Written(String path, EntryKind kind, byte[] bytes) implements MergedEntry {

        public Written {
            TreePaths.check(path);
            Objects.requireNonNull(kind, "kind");
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
        }

        /** A copy of the merged bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int size() {
            return bytes.length;
        }

        @Override
        public byte[] read() {
            return bytes();
        }

        @Override
        public BlobId blobId() {
            return BlobId.forContent(bytes);
        }

        @Override
        public TreeEntry toTreeEntry() {
            return TreeEntry.of(path, kind, bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Written w && w.path.equals(path) && w.kind == kind && Arrays.equals(w.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, kind) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Written[" + path + ", " + kind + ", " + bytes.length + " bytes]";
        }
    }
}
