package io.steadystate.merge.structure;

import java.util.Objects;

/** A structured merger's answer for one conflicting region. */
public sealed interface RegionOutcome {

    /**
     * The region settled.
     *
     * @param text   the lines that replace the region, each ending with a line feed (empty for none)
     * @param rule   which rule settled it, in words, for a person reviewing the merge
     * @param before whole lines the merged output must hold right before the region for this answer to
     *               stand (a merger that reasoned about whole declarations around the region names the
     *               part outside it); the engine checks them and ignores the answer when they differ
     * @param after  the same, right after the region
     */
    record Resolved(String text, String rule, String before, String after) implements RegionOutcome {
        public Resolved {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            for (String lines : new String[] {text, before, after}) {
                if (!lines.isEmpty() && !lines.endsWith("\n")) {
                    throw new IllegalArgumentException("a resolution and its context must end at a line end");
                }
            }
        }

        /** A resolution that depends on nothing outside the region. */
        public Resolved(String text, String rule) {
            this(text, rule, "", "");
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
