package io.steadystate.merge;

import io.steadystate.merge.internal.TextMergeEngine;
import io.steadystate.merge.structure.StructuredMerger;
import io.steadystate.merge.structure.StructuredMergers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Three-way merge of text files.
 *
 * <p>The merge runs on lines first (JGit's histogram diff); each hunk that both sides changed is then
 * retried on tokens (runs of letters and digits, runs of blanks, single punctuation), so that edits to
 * different words of one line merge cleanly. When the path is known and a
 * {@linkplain io.steadystate.merge.structure.StructuredMerger structured merger} is registered for its
 * extension (Java is built in), what is still in conflict is given to it; every byte outside the
 * regions it settles stays the line merge's. Lines that both sides insert at the same point are kept
 * in a fixed order, ours first. CRLF and LF files, a missing final newline and a UTF-8 byte order mark
 * are handled; input with NUL bytes or invalid UTF-8 is binary and merges only when one side is
 * unchanged.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class TextMerger {

    private final MergeOptions options;
    private final StructuredMergers structure;

    /** A merger with the {@linkplain StructuredMergers#standard() standard} structured mergers. */
    public TextMerger(MergeOptions options) {
        this(options, StructuredMergers.standard());
    }

    public TextMerger(MergeOptions options, StructuredMergers structure) {
        this.options = Objects.requireNonNull(options, "options");
        this.structure = Objects.requireNonNull(structure, "structure");
    }

    /** A merger with {@link MergeOptions#DEFAULT}. */
    public TextMerger() {
        this(MergeOptions.DEFAULT);
    }

    public MergeOptions options() {
        return options;
    }

    /**
     * Merges {@code ours} and {@code theirs}, both descended from {@code base}, as plain text (no path,
     * so no structured pass). The arrays are not modified. "Ours" is the side already in place (git's
     * current branch, SteadyState's canonical tree); it comes first wherever both sides' text is kept.
     */
    public TextMergeResult merge(byte[] base, byte[] ours, byte[] theirs) {
        return merge(null, base, ours, theirs);
    }

    /**
     * Merges like {@link #merge(byte[], byte[], byte[])}; {@code path} (may be null) chooses the
     * structured merger for what the line merge leaves in conflict, unless
     * {@link MergeOptions#structured()} is off.
     */
    public TextMergeResult merge(String path, byte[] base, byte[] ours, byte[] theirs) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(theirs, "theirs");
        StructuredMerger merger = null;
        if (options.structured() && path != null) {
            merger = structure.forFile(path, head(ours)).orElse(null);
        }
        return TextMergeEngine.merge(path, base, ours, theirs, options, merger);
    }

    /** The start of a file, for recognising its language; a cut UTF-8 sequence at the end is harmless here. */
    private static String head(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
    }
}
