package io.steadystate.merge.structure;

/** The structured merge of one file, asked region by region in file order. Used by one thread at a time. */
public interface FileMerge {

    /**
     * What to put in place of {@code region}. A {@link RegionOutcome.Resolved} answer replaces exactly
     * the lines of the region in the merged output; it must never throw.
     */
    RegionOutcome resolve(ConflictRegion region);
}
