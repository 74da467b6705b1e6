package io.steadystate.merge.tree;

import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.TextMerger;
import io.steadystate.merge.tree.internal.TreeMergeEngine;
import java.io.IOException;
import java.util.Objects;

/**
 * Three-way merge of whole trees: a participant's {@code local} tree into the shared {@code canonical}
 * one, both descended from {@code base}.
 *
 * <p>A path changed by one side only takes that side's version; a path both sides changed the same
 * way takes it once. Text files both sides changed go through {@link TextMerger}, with canonical as
 * "ours". Nothing is lost in a conflict: the merged tree keeps one version at the path (canonical's,
 * or the modified one when the other side deleted it) and saves a displaced version beside it as
 * {@code <path>~local} (or {@code ~canonical} for a file that had to make way for a directory), adding
 * {@code ~2}, {@code ~3}... if that name is taken. See {@link ConflictKind} for each case.
 *
 * <p>Entries are compared by blob id, so unchanged files are neither read nor rewritten; only files
 * both sides changed are read. The result depends only on the trees' contents, never on the order in
 * which they were built. Instances are immutable and safe to share between threads.
 */
public final class TreeMerger {

    /** {@link MergeOptions#DEFAULT} with conflict markers labelled "canonical", "base" and "local". */
    public static final MergeOptions DEFAULT_OPTIONS = MergeOptions.DEFAULT.withLabels("canonical", "base", "local");

    private final TextMerger textMerger;

    /** A merger with {@link #DEFAULT_OPTIONS}. */
    public TreeMerger() {
        this(DEFAULT_OPTIONS);
    }

    /** A merger whose text merges use {@code options}; their "ours" is canonical and "theirs" local. */
    public TreeMerger(MergeOptions options) {
        this.textMerger = new TextMerger(Objects.requireNonNull(options, "options"));
    }

    public MergeOptions options() {
        return textMerger.options();
    }

    /**
     * Merges {@code local} into {@code canonical}.
     *
     * @throws IOException if the content of an entry cannot be read
     */
    public TreeMergeResult merge(TreeSnapshot base, TreeSnapshot local, TreeSnapshot canonical) throws IOException {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(canonical, "canonical");
        return TreeMergeEngine.merge(base, local, canonical, textMerger);
    }
}
