package io.steadystate.merge.internal;

import java.util.Arrays;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/** The lines of a {@link Tokens} sequence, each a run of tokens ending with a line feed (or the end). */
final class TokenLines extends Sequence {

    static final SequenceComparator<TokenLines> COMPARATOR = new SequenceComparator<>() {
        @Override
        public boolean equals(TokenLines a, int ai, TokenLines b, int bi) {
            if (a.hashes[ai] != b.hashes[bi]) {
                return false;
            }
            Tokens ta = a.tokens;
            Tokens tb = b.tokens;
            return Arrays.equals(ta.text(), ta.start(a.first[ai]), ta.end(a.first[ai + 1]),
                    tb.text(), tb.start(b.first[bi]), tb.end(b.first[bi + 1]));
        }

        @Override
        public int hash(TokenLines seq, int i) {
            return seq.hashes[i];
        }
    };

    private final Tokens tokens;
    private final int[] first; // first[i] is the first token of line i; first[size] == tokens.size()
    private final int[] hashes;
    private final int count;

    TokenLines(Tokens tokens) {
        this.tokens = tokens;
        int n = tokens.size();
        int lines = 0;
        for (int i = 0; i < n; i++) {
            if (tokens.isLineFeed(i) || i == n - 1) {
                lines++;
            }
        }
        this.count = lines;
        this.first = new int[lines + 1];
        this.hashes = new int[lines];
        int line = 0;
        int h = 1;
        for (int i = 0; i < n; i++) {
            h = 31 * h + tokens.hash(i);
            if (tokens.isLineFeed(i) || i == n - 1) {
                hashes[line] = h;
                first[++line] = i + 1;
                h = 1;
            }
        }
    }

    @Override
    public int size() {
        return count;
    }

    /** Index of the first token of line {@code line}; {@code first(size())} is the token count. */
    int first(int line) {
        return first[line];
    }
}
