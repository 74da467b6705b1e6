package io.steadystate.merge.internal;

import java.util.Arrays;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * A byte range split into tokens: runs of word characters (ASCII letters, digits, {@code _} and every
 * non-ASCII byte, so UTF-8 letters stay whole; dots between digits included), runs of blanks, a line
 * feed, or one punctuation byte.
 */
final class Tokens extends Sequence {

    /** Compares tokens by their bytes. */
    static final SequenceComparator<Tokens> COMPARATOR = new SequenceComparator<>() {
        @Override
        public boolean equals(Tokens a, int ai, Tokens b, int bi) {
            return a.hashes[ai] == b.hashes[bi]
                    && Arrays.equals(a.text, a.starts[ai], a.starts[ai + 1], b.text, b.starts[bi], b.starts[bi + 1]);
        }

        @Override
        public int hash(Tokens seq, int i) {
            return seq.hashes[i];
        }
    };

    private final byte[] text;
    private final int[] starts; // starts[i] .. starts[i + 1] is token i
    private final int[] hashes;
    private final int count;

    Tokens(byte[] text, int from, int to) {
        this.text = text;
        int[] s = new int[Math.max(4, (to - from) / 3 + 2)];
        int n = 0;
        int i = from;
        while (i < to) {
            if (n + 1 >= s.length) {
                s = Arrays.copyOf(s, s.length * 2);
            }
            s[n++] = i;
            i = tokenEnd(text, i, to);
        }
        s[n] = to;
        this.starts = s;
        this.count = n;
        this.hashes = new int[n];
        for (int t = 0; t < n; t++) {
            int h = 0x811c9dc5;
            for (int k = s[t]; k < s[t + 1]; k++) {
                h = (h ^ text[k]) * 0x01000193;
            }
            hashes[t] = h;
        }
    }

    @Override
    public int size() {
        return count;
    }

    int start(int i) {
        return starts[i];
    }

    /** Byte offset where token range {@code [from, to)} ends. */
    int end(int toExclusive) {
        return starts[toExclusive];
    }

    byte[] text() {
        return text;
    }

    boolean isLineFeed(int i) {
        return starts[i + 1] - starts[i] == 1 && text[starts[i]] == '\n';
    }

    /** Whether token {@code i} is blanks or a line feed. */
    boolean isBlank(int i) {
        byte first = text[starts[i]];
        return first == '\n' || isBlank(first);
    }

    int hash(int i) {
        return hashes[i];
    }

    private static int tokenEnd(byte[] t, int i, int to) {
        byte b = t[i];
        if (isWord(b)) {
            // A dot between digits stays inside the token: "2.17.0" is one version, not three numbers
            // that two sides could change independently.
            do {
                i++;
            } while (i < to && (isWord(t[i]) || (t[i] == '.' && isDigit(t[i - 1]) && i + 1 < to && isDigit(t[i + 1]))));
            return i;
        }
        if (isBlank(b)) {
            do {
                i++;
            } while (i < to && isBlank(t[i]));
            return i;
        }
        return i + 1;
    }

    private static boolean isWord(byte b) {
        return b < 0 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
    }
}
