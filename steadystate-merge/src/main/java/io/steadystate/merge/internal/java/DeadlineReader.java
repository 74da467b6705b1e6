package io.steadystate.merge.internal.java;

import java.io.Reader;

/**
 * The source handed to the parser, which stops the parse once the time bound is reached: the parser
 * pulls its input in blocks, so a large or pathological file cannot hold the merge for long.
 */
final class DeadlineReader extends Reader {

    private final String text;
    private final TimeBound bound;
    private int pos;

    DeadlineReader(String text, TimeBound bound) {
        this.text = text;
        this.bound = bound;
    }

    @Override
    public int read(char[] buf, int off, int len) {
        if (bound.expired()) {
            throw new TimeBound.Expired();
        }
        if (pos >= text.length()) {
            return -1;
        }
        int n = Math.min(len, Math.min(text.length() - pos, 4096));
        text.getChars(pos, pos + n, buf, off);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
