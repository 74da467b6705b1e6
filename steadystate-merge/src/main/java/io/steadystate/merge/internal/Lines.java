package io.steadystate.merge.internal;

import org.eclipse.jgit.diff.RawText;

/** JGit's {@link RawText} with the byte offsets of its lines exposed. */
final class Lines extends RawText {

    Lines(byte[] content) {
        super(content);
    }

    /** Offset of the first byte of line {@code i}; {@code start(size())} is the end of the content. */
    int start(int i) {
        return i >= size() ? content.length : lines.get(i + 1);
    }

    byte[] bytes() {
        return content;
    }
}
