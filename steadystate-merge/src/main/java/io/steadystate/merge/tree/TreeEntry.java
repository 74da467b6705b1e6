package io.steadystate.merge.tree;

import io.steadystate.merge.tree.internal.TreePaths;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * One file, symlink or gitlink of a tree.
 *
 * @param path    relative, {@code /}-separated, without empty, {@code .} or {@code ..} segments
 * @param kind    what the entry is
 * @param content where its bytes come from; for a symlink, the target
 */
public record TreeEntry(String path, EntryKind kind, ContentSource content) {

    public TreeEntry {
        TreePaths.check(path);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }

    /** An entry holding a copy of {@code bytes}, for trees built in memory. */
    public static TreeEntry of(String path, EntryKind kind, byte[] bytes) {
        return new TreeEntry(path, kind, ContentSource.of(bytes));
    }

    public InputStream open() throws IOException {
        return content.open();
    }

    public byte[] read() throws IOException {
        return content.read();
    }

    public BlobId blobId() throws IOException {
        return content.blobId();
    }

    /** Whether both entries are of the same kind with the same content; their paths are not compared. */
    public boolean sameAs(TreeEntry other) throws IOException {
        return kind == other.kind && (content.equals(other.content) || blobId().equals(other.blobId()));
    }

    public TreeEntry withPath(String newPath) {
        return new TreeEntry(newPath, kind, content);
    }

    public TreeEntry withKind(EntryKind newKind) {
        return new TreeEntry(path, newKind, content);
    }
}
