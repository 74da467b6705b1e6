package io.steadystate.merge.internal;

import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HashedSequence;
import org.eclipse.jgit.diff.HashedSequenceComparator;
import org.eclipse.jgit.diff.HashedSequencePair;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;
import org.eclipse.jgit.diff.Subsequence;
import org.eclipse.jgit.diff.SubsequenceComparator;

/**
 * JGit's {@link HistogramDiff}, applied between anchors: elements that occur exactly once in each
 * sequence, in the same order (the longest such chain, as patience diff picks it).
 *
 * <p>Why: HistogramDiff splits its input at one common run per step and rescans what is left, so a
 * large file with many scattered edits costs time proportional to size times edits (a 1 MB file with
 * 1,000 edits takes about 300 ms). Unique lines in the same order are what HistogramDiff would anchor
 * on anyway; cutting there first leaves it many small regions and makes the whole diff near linear.
 * Small inputs go to HistogramDiff unchanged.
 */
final class AnchoredHistogramDiff extends DiffAlgorithm {

    /** Below this many elements in both sequences together HistogramDiff is fast on its own. */
    private static final int ANCHOR_THRESHOLD = 2_000;

    private final HistogramDiff histogram = new HistogramDiff();

    @Override
    public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
        if (a.size() + b.size() < ANCHOR_THRESHOLD) {
            return histogram.diffNonCommon(cmp, a, b);
        }
        // Hash every element once; the anchoring and every region's histogram diff reuse the hashes.
        HashedSequencePair<S> hashed = new HashedSequencePair<>(cmp, a, b);
        return anchored(hashed.getComparator(), hashed.getA(), hashed.getB());
    }

    private <S extends Sequence> EditList anchored(HashedSequenceComparator<S> cmp, HashedSequence<S> a, HashedSequence<S> b) {
        int[] anchors = uniqueCommonChain(cmp, a, b);
        EditList edits = new EditList();
        int prevA = 0;
        int prevB = 0;
        for (int k = 0; k <= anchors.length / 2; k++) {
            int nextA = k < anchors.length / 2 ? anchors[2 * k] : a.size();
            int nextB = k < anchors.length / 2 ? anchors[2 * k + 1] : b.size();
            diffGap(cmp, a, b, new Edit(prevA, nextA, prevB, nextB), edits);
            prevA = nextA + 1;
            prevB = nextB + 1;
        }
        return edits;
    }

    private <S extends Sequence> void diffGap(SequenceComparator<? super S> cmp, S a, S b, Edit gap, EditList out) {
        if (gap.getBeginA() == gap.getEndA() && gap.getBeginB() == gap.getEndB()) {
            return;
        }
        Edit region = cmp.reduceCommonStartEnd(a, b, gap);
        switch (region.getType()) {
            case EMPTY -> {
                // The gap was all common elements.
            }
            case INSERT, DELETE -> add(out, region);
            case REPLACE -> {
                Subsequence<S> as = Subsequence.a(a, region);
                Subsequence<S> bs = Subsequence.b(b, region);
                EditList sub = histogram.diffNonCommon(new SubsequenceComparator<S>(cmp), as, bs);
                for (Edit e : Subsequence.toBase(sub, as, bs)) {
                    add(out, e);
                }
            }
        }
    }

    /** Appends an edit, joining it with the previous one when they touch, as one diff would report it. */
    private static void add(EditList out, Edit e) {
        if (!out.isEmpty()) {
            Edit last = out.get(out.size() - 1);
            if (last.getEndA() == e.getBeginA() && last.getEndB() == e.getBeginB()) {
                out.set(out.size() - 1, new Edit(last.getBeginA(), e.getEndA(), last.getBeginB(), e.getEndB()));
                return;
            }
        }
        out.add(e);
    }

    /**
     * Positions (a0, b0, a1, b1, ...) of elements unique in both sequences, forming the longest chain
     * increasing in both.
     */
    private static <S extends Sequence> int[] uniqueCommonChain(SequenceComparator<? super S> cmp, S a, S b) {
        IntCounts countsA = new IntCounts(a.size());
        for (int i = 0; i < a.size(); i++) {
            countsA.add(cmp.hash(a, i), i);
        }
        IntCounts countsB = new IntCounts(b.size());
        for (int j = 0; j < b.size(); j++) {
            countsB.add(cmp.hash(b, j), j);
        }
        // Candidate pairs in order of position in b; hashes unique on both sides, elements confirmed equal.
        int[] pairA = new int[Math.min(a.size(), b.size())];
        int[] pairB = new int[pairA.length];
        int n = 0;
        for (int j = 0; j < b.size(); j++) {
            int h = cmp.hash(b, j);
            if (countsB.count(h) != 1 || countsA.count(h) != 1) {
                continue;
            }
            int i = countsA.position(h);
            if (cmp.equals(a, i, b, j)) {
                pairA[n] = i;
                pairB[n] = j;
                n++;
            }
        }
        return longestIncreasing(pairA, pairB, n);
    }

    /** Patience sorting: the longest chain of pairs whose a-positions increase (b-positions already do). */
    private static int[] longestIncreasing(int[] pairA, int[] pairB, int n) {
        int[] tails = new int[n]; // index of the pair ending the best chain of each length
        int[] prev = new int[n];
        int length = 0;
        for (int k = 0; k < n; k++) {
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (pairA[tails[mid]] < pairA[k]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            prev[k] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = k;
            if (lo == length) {
                length++;
            }
        }
        int[] chain = new int[2 * length];
        for (int k = length > 0 ? tails[length - 1] : -1, slot = length - 1; k >= 0; k = prev[k], slot--) {
            chain[2 * slot] = pairA[k];
            chain[2 * slot + 1] = pairB[k];
        }
        return chain;
    }

    /** Open-addressing table from hash to occurrence count and first position. */
    private static final class IntCounts {
        private final int[] keys;
        private final int[] counts;
        private final int[] positions;
        private final int mask;

        IntCounts(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2)) << 1;
            keys = new int[cap];
            counts = new int[cap];
            positions = new int[cap];
            mask = cap - 1;
        }

        void add(int hash, int position) {
            int slot = find(hash);
            if (counts[slot] == 0) {
                keys[slot] = hash;
                positions[slot] = position;
            }
            counts[slot]++;
        }

        int count(int hash) {
            return counts[find(hash)];
        }

        int position(int hash) {
            return positions[find(hash)];
        }

        private int find(int hash) {
            int slot = mix(hash) & mask;
            while (counts[slot] != 0 && keys[slot] != hash) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
