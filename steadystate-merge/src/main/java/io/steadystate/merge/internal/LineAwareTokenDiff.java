package io.steadystate.merge.internal;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;
import org.eclipse.jgit.diff.Subsequence;
import org.eclipse.jgit.diff.SubsequenceComparator;

/**
 * A token diff that respects lines: lines are diffed first, and only replaced lines that can be
 * paired with an original they still resemble are diffed again on tokens. Pairing is
 * kept simple on purpose (in order, from the start or the end of a block): a merge must not build on
 * a clever guess of which new line stands for which old one. A flat token diff would happily match a
 * token of one line with the same token many lines away, and a merge built on such a diff can weave
 * the two sides' edits together in places neither of them touched.
 */
final class LineAwareTokenDiff extends DiffAlgorithm {

    /**
     * A replaced block is refined on tokens only when at least this share of its non-blank tokens
     * survives; below that it was rewritten, and a rewrite is kept whole.
     */
    private static final double MIN_KEPT_SHARE = 0.5;

    private final HistogramDiff histogram = new HistogramDiff();
    private final AnchoredHistogramDiff lines = new AnchoredHistogramDiff();

    @Override
    public <S extends Sequence> EditList diff(SequenceComparator<? super S> cmp, S a, S b) {
        if (a instanceof Tokens ta && b instanceof Tokens tb) {
            return diffTokens(ta, tb);
        }
        return histogram.diff(cmp, a, b);
    }

    @Override
    public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
        return histogram.diffNonCommon(cmp, a, b);
    }

    private EditList diffTokens(Tokens a, Tokens b) {
        TokenLines la = new TokenLines(a);
        TokenLines lb = new TokenLines(b);
        EditList lineEdits = lines.diff(TokenLines.COMPARATOR, la, lb);
        EditList result = new EditList();
        for (Edit e : lineEdits) {
            if (e.getType() != Edit.Type.REPLACE || !refinePairs(a, b, la, lb, e, result)) {
                addReduced(a, b, lineBlock(la, lb, e.getBeginA(), e.getEndA(), e.getBeginB(), e.getEndB()), result);
            }
        }
        return result;
    }

    /**
     * Refines a block of replaced lines pair by pair. Blocks of equal length pair in order; otherwise
     * the shorter side pairs with the start, or else the end, of the longer one, and the lines left
     * over are added or removed whole. Returns false, adding nothing, when no pairing has every pair
     * resembling its original.
     */
    private boolean refinePairs(Tokens a, Tokens b, TokenLines la, TokenLines lb, Edit e, EditList result) {
        int pairs = Math.min(e.getLengthA(), e.getLengthB());
        int extraA = e.getLengthA() - pairs;
        int extraB = e.getLengthB() - pairs;
        for (boolean atStart : extraA + extraB == 0 ? new boolean[] {true} : new boolean[] {true, false}) {
            int a0 = atStart ? e.getBeginA() : e.getBeginA() + extraA;
            int b0 = atStart ? e.getBeginB() : e.getBeginB() + extraB;
            EditList refined = new EditList();
            boolean all = true;
            for (int k = 0; k < pairs && all; k++) {
                EditList pair = refine(a, b, lineBlock(la, lb, a0 + k, a0 + k + 1, b0 + k, b0 + k + 1));
                if (pair == null) {
                    all = false;
                } else {
                    refined.addAll(pair);
                }
            }
            if (!all) {
                continue;
            }
            Edit rest = atStart
                    ? lineBlock(la, lb, e.getBeginA() + pairs, e.getEndA(), e.getBeginB() + pairs, e.getEndB())
                    : lineBlock(la, lb, e.getBeginA(), e.getBeginA() + extraA, e.getBeginB(), e.getBeginB() + extraB);
            if (!atStart && !rest.isEmpty()) {
                result.add(rest);
            }
            result.addAll(refined);
            if (atStart && !rest.isEmpty()) {
                result.add(rest);
            }
            return true;
        }
        return false;
    }

    private static Edit lineBlock(TokenLines la, TokenLines lb, int lineA0, int lineA1, int lineB0, int lineB1) {
        return new Edit(la.first(lineA0), la.first(lineA1), lb.first(lineB0), lb.first(lineB1));
    }

    /** Adds an edit without the tokens it leaves unchanged at its ends ("a\n" to "A\n" keeps its line feed). */
    private static void addReduced(Tokens a, Tokens b, Edit edit, EditList result) {
        Edit reduced = Tokens.COMPARATOR.reduceCommonStartEnd(a, b, edit);
        if (reduced.getType() != Edit.Type.EMPTY) {
            result.add(reduced);
        }
    }

    private EditList refine(Tokens a, Tokens b, Edit region) {
        Subsequence<Tokens> as = Subsequence.a(a, region);
        Subsequence<Tokens> bs = Subsequence.b(b, region);
        EditList edits = histogram.diff(new SubsequenceComparator<>(Tokens.COMPARATOR), as, bs);
        int total = 0;
        int changed = 0;
        for (int i = region.getBeginA(); i < region.getEndA(); i++) {
            if (!a.isBlank(i)) {
                total++;
            }
        }
        for (Edit e : edits) {
            for (int i = e.getBeginA(); i < e.getEndA(); i++) {
                if (!a.isBlank(region.getBeginA() + i)) {
                    changed++;
                }
            }
        }
        if (total == 0 || (total - changed) < MIN_KEPT_SHARE * total) {
            return null;
        }
        return Subsequence.toBase(edits, as, bs);
    }
}
