package io.steadystate.merge.structure;

import java.util.Set;

/**
 * Resolves, for one kind of file, regions that the line merge left in conflict, by the syntax of the
 * file's language. Implementations must be stateless and safe to share between threads; all per-file
 * state lives in the {@link FileMerge} that {@link #open} returns.
 *
 * <p>Other modules can add languages by declaring {@code provides
 * io.steadystate.merge.structure.StructuredMerger with ...} in their module-info;
 * {@link StructuredMergers#standard()} finds them.
 */
public interface StructuredMerger {

    /** A short name for explanations, such as {@code "java"}. */
    String name();

    /** File name extensions this merger understands: lower case, without the dot, never empty. */
    Set<String> extensions();

    /**
     * Whether {@code text}, the start of a file whose name has no extension this registry knows (a
     * temporary file a merge driver was handed, say), is evidently of this merger's language. Only
     * unmistakable signs should count; the default recognises nothing.
     */
    default boolean recognizes(String text) {
        return false;
    }

    /**
     * Starts the structured merge of one file. Must not throw and should return quickly: parsing may
     * wait until the first {@link FileMerge#resolve} call, whose answer is then
     * {@link RegionOutcome.Declined} when the file does not parse or the time budget is spent.
     */
    FileMerge open(FileVersions versions);
}
