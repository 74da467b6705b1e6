package io.steadystate.merge.tree;

/**
 * What a tree merge did. Every path of the three trees is counted in exactly one of the first seven
 * numbers.
 *
 * @param unchanged          paths the same in all three trees
 * @param takenFromLocal     paths only local added or modified
 * @param takenFromCanonical paths only canonical added or modified
 * @param changedIdentically paths both sides changed in the same way
 * @param textMergedClean    paths both sides changed that merged without conflict: a clean text merge,
 *                           or content from one side and the executable bit from the other
 * @param conflicts          paths with at least one {@link TreeConflict}
 * @param deleted            paths of the base that are gone, deleted by one side or both
 * @param bytesMerged        total size of the files the text merge wrote, conflicted ones included
 */
public record MergeStats(
        int unchanged,
        int takenFromLocal,
        int takenFromCanonical,
        int changedIdentically,
        int textMergedClean,
        int conflicts,
        int deleted,
        long bytesMerged) {

    public MergeStats {
        if (unchanged < 0 || takenFromLocal < 0 || takenFromCanonical < 0 || changedIdentically < 0
                || textMergedClean < 0 || conflicts < 0 || deleted < 0 || bytesMerged < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /** The number of paths counted. */
    public int paths() {
        return unchanged + takenFromLocal + takenFromCanonical + changedIdentically + textMergedClean
                + conflicts + deleted;
    }
}
