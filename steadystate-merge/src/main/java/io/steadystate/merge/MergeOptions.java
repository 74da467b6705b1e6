package io.steadystate.merge;

import java.util.Objects;

/**
 * How a text merge resolves and reports conflicts.
 *
 * @param policy      what to do with regions both sides changed incompatibly
 * @param style       how markers are written when {@code policy} is {@link MergePolicy#CONFLICT}
 * @param oursLabel   label after {@code <<<<<<<}
 * @param baseLabel   label after {@code |||||||}
 * @param theirsLabel label after {@code >>>>>>>}
 * @param refineTokens whether conflicting line hunks are retried on words, spaces and punctuation
 * @param orderInsertions whether lines both sides inserted at the same point are kept, ours first (the
 *                     CRDT rule), instead of being a conflict
 * @param structured   whether regions the line merge leaves in conflict are given to the structured
 *                     merger of the file's language, when the path is known and one is registered
 */
public record MergeOptions(
        MergePolicy policy,
        ConflictStyle style,
        String oursLabel,
        String baseLabel,
        String theirsLabel,
        boolean refineTokens,
        boolean orderInsertions,
        boolean structured) {

    /**
     * Conflict markers in diff3 style, labels "ours", "base", "theirs", token refinement on, and
     * concurrent insertions kept in order (the rule of SteadyState's sync).
     */
    public static final MergeOptions DEFAULT =
            new MergeOptions(MergePolicy.CONFLICT, ConflictStyle.DIFF3, "ours", "base", "theirs", true, true, true);

    public MergeOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(style, "style");
        oursLabel = checkLabel(oursLabel, "oursLabel");
        baseLabel = checkLabel(baseLabel, "baseLabel");
        theirsLabel = checkLabel(theirsLabel, "theirsLabel");
    }

    /** Options with the structured pass on. */
    public MergeOptions(MergePolicy policy, ConflictStyle style, String oursLabel, String baseLabel, String theirsLabel,
            boolean refineTokens, boolean orderInsertions) {
        this(policy, style, oursLabel, baseLabel, theirsLabel, refineTokens, orderInsertions, true);
    }

    private static String checkLabel(String label, String name) {
        Objects.requireNonNull(label, name);
        if (label.indexOf('\n') >= 0 || label.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(name + " must be a single line");
        }
        return label;
    }

    public MergeOptions withPolicy(MergePolicy newPolicy) {
        return new MergeOptions(newPolicy, style, oursLabel, baseLabel, theirsLabel, refineTokens, orderInsertions, structured);
    }

    public MergeOptions withStyle(ConflictStyle newStyle) {
        return new MergeOptions(policy, newStyle, oursLabel, baseLabel, theirsLabel, refineTokens, orderInsertions, structured);
    }

    public MergeOptions withLabels(String ours, String base, String theirs) {
        return new MergeOptions(policy, style, ours, base, theirs, refineTokens, orderInsertions, structured);
    }

    public MergeOptions withOrderInsertions(boolean order) {
        return new MergeOptions(policy, style, oursLabel, baseLabel, theirsLabel, refineTokens, order, structured);
    }

    public MergeOptions withRefineTokens(boolean refine) {
        return new MergeOptions(policy, style, oursLabel, baseLabel, theirsLabel, refine, orderInsertions, structured);
    }

    public MergeOptions withStructured(boolean on) {
        return new MergeOptions(policy, style, oursLabel, baseLabel, theirsLabel, refineTokens, orderInsertions, on);
    }
}
