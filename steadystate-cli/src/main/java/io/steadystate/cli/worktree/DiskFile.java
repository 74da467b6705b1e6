package io.steadystate.cli.worktree;

import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;

/** A regular file on disk, hashed (streaming) when its id is first asked for. */
final class DiskFile implements ContentSource {

    private final Path file;
    private BlobId id;

    DiskFile(Path file) {
        this.file = file;
    }

    @Override
    public InputStream open() throws IOException {
        return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public synchronized BlobId blobId() throws IOException {
        if (id == null) {
            try (InputStream in = open(); ObjectInserter.Formatter f = new ObjectInserter.Formatter()) {
                id = BlobId.of(f.idFor(Constants.OBJ_BLOB, Files.size(file), in).name());
            }
        }
        return id;
    }
}
