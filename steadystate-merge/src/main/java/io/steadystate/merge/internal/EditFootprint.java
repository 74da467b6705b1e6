package io.steadystate.merge.internal;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

/**
 * Where a token edit sits in terms of base lines, and whether it changes line structure.
 *
 * <p>Token refinement exists to merge edits to different words of one line. An edit that adds,
 * removes, splits or joins lines is a different thing: when the other side touched a neighbouring or
 * the same line, the two edits are usually about the same code (a new overload next to a changed
 * signature), and weaving them together silently is how a merge breaks a build. Such pairs stay
 * conflicts, as they are in git.
 */
record EditFootprint(int firstLine, int lastLine, boolean structural) {

    /** Whether no edit of one side shares a line, or a line boundary, with a line-changing edit of the other. */
    static boolean compatible(Tokens base, EditList ours, Tokens oursSide, EditList theirs, Tokens theirsSide) {
        int[] lineOf = lineIndex(base);
        EditFootprint[] a = footprints(base, lineOf, ours, oursSide);
        EditFootprint[] b = footprints(base, lineOf, theirs, theirsSide);
        int from = 0;
        for (EditFootprint x : a) {
            while (from < b.length && b[from].lastLine < x.firstLine) {
                from++;
            }
            for (int j = from; j < b.length && b[j].firstLine <= x.lastLine; j++) {
                if (x.structural || b[j].structural) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Base line of every token, plus one entry past the end for insertions at the end. */
    private static int[] lineIndex(Tokens base) {
        int[] lineOf = new int[base.size() + 1];
        int line = 0;
        for (int i = 0; i < base.size(); i++) {
            lineOf[i] = line;
            if (base.isLineFeed(i)) {
                line++;
            }
        }
        lineOf[base.size()] = line;
        return lineOf;
    }

    private static EditFootprint[] footprints(Tokens base, int[] lineOf, EditList edits, Tokens side) {
        EditFootprint[] out = new EditFootprint[edits.size()];
        for (int k = 0; k < edits.size(); k++) {
            Edit e = edits.get(k);
            // Rewriting whole lines keeps the line structure; adding, removing, splitting or joining lines does not.
            boolean structural = lineFeeds(base, e.getBeginA(), e.getEndA()) != lineFeeds(side, e.getBeginB(), e.getEndB());
            int first;
            int last;
            if (e.getBeginA() == e.getEndA()) {
                int p = e.getBeginA();
                boolean atLineStart = p == 0 || base.isLineFeed(p - 1);
                last = lineOf[p];
                // An insertion between two lines borders both of them.
                first = atLineStart ? last - 1 : last;
            } else {
                first = lineOf[e.getBeginA()];
                last = lineOf[e.getEndA() - 1];
                if (structural) {
                    // Removing or adding line breaks borders the next line as well.
                    last = Math.max(last, lineOf[e.getEndA()]);
                }
            }
            out[k] = new EditFootprint(first, last, structural);
        }
        return out;
    }

    private static int lineFeeds(Tokens seq, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (seq.isLineFeed(i)) {
                n++;
            }
        }
        return n;
    }
}
