package io.steadystate.merge.internal;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.util.IntList;

/** JGit's {@link RawText} with the byte offsets of its lines exposed. */
final class Lines extends RawText {

    Lines(byte[] content) {
        super(content);
    }

    /** Lines of {@code content} whose line map, in {@link RawText}'s form, is already known. */
    Lines(byte[] content, IntList lineMap) {
        super(content, lineMap);
    }

    /** Offset of the first byte of line {@code i}; {@code start(size())} is the end of the content. */
    int start(int i) {
        return i >= size() ? content.length : lines.get(i + 1);
    }

    byte[] bytes() {
        return content;
    }
}
