package io.steadystate.merge;

import java.util.Arrays;

/** The outcome of a three-way text merge. */
public sealed interface TextMergeResult {

    /** Number of regions left in conflict; 0 when the merge is clean. */
    int conflictCount();

    /** Whether the merge needs no human attention. */
    default boolean isClean() {
        return conflictCount() == 0;
    }

    /**
     * A merged text. When {@code conflictCount > 0} the content holds conflict markers (policy
     * {@link MergePolicy#CONFLICT}).
     *
     * @param content       the merged bytes, in the line-ending and BOM convention the sides agreed on
     * @param conflictCount number of conflict regions written
     */
    record Merged(byte[] content, int conflictCount) implements TextMergeResult {
        public Merged {
            if (content == null) {
                throw new IllegalArgumentException("content must not be null");
            }
            if (conflictCount < 0) {
                throw new IllegalArgumentException("conflictCount must not be negative");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Merged m && m.conflictCount == conflictCount && Arrays.equals(m.content, content);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(content) + conflictCount;
        }

        @Override
        public String toString() {
            return "Merged[" + content.length + " bytes, conflicts=" + conflictCount + "]";
        }
    }

    /**
     * Both sides changed a file that is not text (it holds NUL bytes or is not valid UTF-8), differently.
     * There is no merged content: the caller keeps both versions.
     */
    record BinaryConflict() implements TextMergeResult {
        @Override
        public int conflictCount() {
            return 1;
        }
    }
}
