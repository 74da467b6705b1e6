package io.steadystate.merge;

/** How conflict markers are written under {@link MergePolicy#CONFLICT}; the names follow git's {@code merge.conflictStyle}. */
public enum ConflictStyle {
    /** Ours and theirs only: {@code <<<<<<<}, {@code =======}, {@code >>>>>>>}. */
    MERGE,
    /** Ours, base and theirs, with a {@code |||||||} section for the base. */
    DIFF3,
    /** Like {@link #DIFF3}, with lines common to the start or end of both sides moved out of the markers. */
    ZDIFF3
}
