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
 * A token diff that respects lines: lines are diffed first, and only a block of lines edited in place
 * (as many lines after as before) that still resembles the original is diffed again on tokens. Where
 * lines were also added or removed, which new line stands for which old one is a guess, and a merge
 * must not build on a guess. A flat token diff would happily match a
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
            Edit tokens = new Edit(la.first(e.getBeginA()), la.first(e.getEndA()), lb.first(e.getBeginB()), lb.first(e.getEndB()));
            if (e.getType() == Edit.Type.REPLACE && e.getLengthA() == e.getLengthB()) {
                EditList refined = refine(a, b, tokens);
                if (refined != null) {
                    result.addAll(refined);
                    continue;
                }
            }
            // Unrefined, the edit still shrinks to what changed: "a\n" -> "A\n" keeps its line feed,
            // so it does not touch an edit of the next line.
            Edit reduced = Tokens.COMPARATOR.reduceCommonStartEnd(a, b, tokens);
            if (reduced.getType() != Edit.Type.EMPTY) {
                result.add(reduced);
            }
        }
        return result;
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
