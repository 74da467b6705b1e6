package io.steadystate.merge.internal;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Token refinement's guard for lists in brackets: an edit that adds or removes an element of a list
 * (a call's arguments, a parameter list, an array initialiser) usually goes with a change of what the
 * list means (a new signature), so weaving it with the other side's edit of another element of the
 * same list yields a call that is clean and wrong. Such pairs stay conflicts, as in git.
 */
final class ListArity {

    private ListArity() {
    }

    /** Whether no edit of one side changes the number of commas inside a bracket pair the other side also edits. */
    static boolean compatible(Tokens base, EditList ours, Tokens oursSide, EditList theirs, Tokens theirsSide) {
        return !clashes(base, ours, oursSide, theirs) && !clashes(base, theirs, theirsSide, ours);
    }

    private static boolean clashes(Tokens base, EditList edits, Tokens side, EditList others) {
        for (Edit e : edits) {
            if (commas(base, e.getBeginA(), e.getEndA()) == commas(side, e.getBeginB(), e.getEndB())) {
                continue;
            }
            int open = enclosingOpen(base, e.getBeginA());
            if (open < 0) {
                continue;
            }
            int close = matchingClose(base, open);
            for (Edit f : others) {
                boolean inside = f.getBeginA() == f.getEndA()
                        ? f.getBeginA() > open && f.getBeginA() <= close
                        : f.getBeginA() < close && f.getEndA() > open + 1;
                if (inside) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int commas(Tokens seq, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (is(seq, i, ',')) {
                n++;
            }
        }
        return n;
    }

    /** The unmatched opening bracket before token {@code pos}, or -1. */
    private static int enclosingOpen(Tokens seq, int pos) {
        int depth = 0;
        for (int i = pos - 1; i >= 0; i--) {
            if (is(seq, i, ')') || is(seq, i, ']') || is(seq, i, '}')) {
                depth++;
            } else if (is(seq, i, '(') || is(seq, i, '[') || is(seq, i, '{')) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** The bracket closing the one at {@code open}, or the end of the sequence. */
    private static int matchingClose(Tokens seq, int open) {
        int depth = 0;
        for (int i = open + 1; i < seq.size(); i++) {
            if (is(seq, i, '(') || is(seq, i, '[') || is(seq, i, '{')) {
                depth++;
            } else if (is(seq, i, ')') || is(seq, i, ']') || is(seq, i, '}')) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return seq.size();
    }

    private static boolean is(Tokens seq, int i, char c) {
        return seq.end(i + 1) - seq.start(i) == 1 && seq.text()[seq.start(i)] == c;
    }
}
