package io.steadystate.merge.tree.internal;

import io.steadystate.merge.tree.BlobId;
import io.steadystate.merge.tree.ContentSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A submodule commit: there is no blob, so the content is the commit id in hex. */
public record GitlinkSource(BlobId commit) implements ContentSource {

    public GitlinkSource {
        Objects.requireNonNull(commit, "commit");
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(commit.hex().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public BlobId blobId() {
        return commit;
    }
}
