package io.steadystate.merge.structure;

import java.util.Objects;

/** A structured merger's answer for one conflicting region. */
public sealed interface RegionOutcome {

    /**
     * The region settled.
     *
     * @param text the lines that replace the region, each ending with a line feed (empty for none)
     * @param rule which rule settled it, in words, for a person reviewing the merge
     */
    record Resolved(String text, String rule) implements RegionOutcome {
        public Resolved {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(rule, "rule");
            if (!text.isEmpty() && !text.endsWith("\n")) {
                throw new IllegalArgumentException("a resolution must end at a line end");
            }
        }
    }

    /**
     * The merger understood the region and finds a real conflict in it (a member deleted on one side
     * and changed on the other, say): the region stays in conflict even where a text rule would keep
     * both sides.
     */
    record Conflict(String reason) implements RegionOutcome {
        public Conflict {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The merger cannot tell (the file does not parse, the region is not of a kind it knows, time ran out). */
    record Declined(String reason) implements RegionOutcome {
        public Declined {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
