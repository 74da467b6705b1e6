package io.steadystate.merge;

import java.util.Arrays;
import java.util.List;

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
     * @param resolutions   the regions that both sides changed and a rule settled, in file order; not
     *                      part of equality (it explains the content, it is not content)
     */
    record Merged(byte[] content, int conflictCount, List<Resolution> resolutions) implements TextMergeResult {
        public Merged {
            if (content == null) {
                throw new IllegalArgumentException("content must not be null");
            }
            if (conflictCount < 0) {
                throw new IllegalArgumentException("conflictCount must not be negative");
            }
            resolutions = List.copyOf(resolutions);
        }

        public Merged(byte[] content, int conflictCount) {
            this(content, conflictCount, List.of());
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

    /**
     * A region both sides changed, settled without a conflict.
     *
     * @param line     first line of the region in the merged content, counted from 1
     * @param lines    how many lines of the merged content it fills
     * @param oursLine first line of the region in ours, counted from 1, so it can be found before the merge is written
     * @param rule     the rule that settled it, in words
     */
    record Resolution(int line, int lines, int oursLine, String rule) {
        public Resolution {
            if (line < 1 || lines < 0 || oursLine < 1) {
                throw new IllegalArgumentException("bad resolution position");
            }
            java.util.Objects.requireNonNull(rule, "rule");
        }
    }
}
