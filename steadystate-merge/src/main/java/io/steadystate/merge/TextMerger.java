package io.steadystate.merge;

import io.steadystate.merge.internal.TextMergeEngine;
import java.util.Objects;

/**
 * Three-way merge of text files.
 *
 * <p>The merge runs on lines first (JGit's histogram diff); each hunk that both sides changed is then
 * retried on tokens (runs of letters and digits, runs of blanks, single punctuation), so that edits to
 * different words of one line merge cleanly. Lines that both sides insert at the same point are kept
 * in a fixed order, ours first. CRLF and LF files, a missing final newline and a UTF-8 byte order mark
 * are handled; input with NUL bytes or invalid UTF-8 is binary and merges only when one side is
 * unchanged.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class TextMerger {

    private final MergeOptions options;

    public TextMerger(MergeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A merger with {@link MergeOptions#DEFAULT}. */
    public TextMerger() {
        this(MergeOptions.DEFAULT);
    }

    public MergeOptions options() {
        return options;
    }

    /**
     * Merges {@code ours} and {@code theirs}, both descended from {@code base}. The arrays are not
     * modified. "Ours" is the side already in place (git's current branch, SteadyState's canonical
     * tree); it comes first wherever both sides' text is kept.
     */
    public TextMergeResult merge(byte[] base, byte[] ours, byte[] theirs) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
        return TextMergeEngine.merge(base, ours, theirs, options);
    }
}
