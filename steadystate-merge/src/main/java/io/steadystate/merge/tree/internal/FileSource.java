package io.steadystate.merge.tree.internal;

import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A regular file on disk, read when needed. Its blob id hashes the raw bytes (no clean filters or
 * line-ending conversion), once, and is then cached: the file is assumed not to change meanwhile.
 * Equality is identity: two walks of one directory may see different contents at the same path.
 */
public final class FileSource implements ContentSource {

    private final Path file;
    private volatile BlobId id;

    public FileSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public byte[] read() throws IOException {
        return Files.readAllBytes(file);
    }

    @Override
    public BlobId blobId() throws IOException {
        BlobId result = id;
        if (result == null) {
            try (InputStream in = open()) {
                result = Blobs.idFor(Files.size(file), in);
            }
            id = result;
        }
        return result;
    }

    @Override
    public String toString() {
        return "file " + file;
    }
}
