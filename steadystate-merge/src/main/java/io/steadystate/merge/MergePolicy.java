package io.steadystate.merge;

/** What the text merge does with a region that both sides changed in incompatible ways. */
public enum MergePolicy {
    /** Keep both sides between conflict markers and report the conflict. */
    CONFLICT,
    /** Keep both sides, ours first, without markers; the merge counts as clean. */
    UNION,
    /** Keep our side of every conflicting region. */
    OURS,
    /** Keep their side of every conflicting region. */
    THEIRS
}
