package io.steadystate.benchmarks;

import io.steadystate.merge.ConflictStyle;
import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/** The two merge engines under comparison, doing the same work: three inputs in, merged bytes out. */
public final class Engines {

    private static final List<String> LABELS = List.of("base", "ours", "theirs");

    private Engines() {
    }

    /** SteadyState's option sets worth measuring. */
    public enum Config {
        /** What {@code steadystate merge-file} does by default: git-style markers, token refinement. */
        CLI(MergeOptions.DEFAULT.withStyle(ConflictStyle.MERGE).withOrderInsertions(false)),
        /** Whole lines only, as git and JGit merge: the closest like-for-like with JGit. */
        LINES(MergeOptions.DEFAULT.withStyle(ConflictStyle.MERGE).withOrderInsertions(false).withRefineTokens(false)),
        /** {@link MergeOptions#DEFAULT}: diff3 markers, token refinement, concurrent insertions kept. */
        DEFAULT(MergeOptions.DEFAULT);

        private final MergeOptions options;

        Config(MergeOptions options) {
            this.options = options.withLabels("ours", "base", "theirs");
        }

        public TextMerger merger() {
            return new TextMerger(options);
        }
    }

    /** Merged bytes and conflict count, whichever engine made them. */
    public record Output(byte[] content, int conflicts) {
    }

    public static Output steadyState(TextMerger merger, byte[] base, byte[] ours, byte[] theirs) {
        TextMergeResult r = merger.merge(base, ours, theirs);
        if (r instanceof TextMergeResult.Merged m) {
            return new Output(m.content(), m.conflictCount());
        }
        return new Output(new byte[0], r.conflictCount());
    }

    /** JGit's line merge with the histogram diff, formatted with git-style conflict markers. */
    public static Output jgit(MergeAlgorithm algorithm, byte[] base, byte[] ours, byte[] theirs) {
        MergeResult<RawText> r = algorithm.merge(RawTextComparator.DEFAULT,
                new RawText(base), new RawText(ours), new RawText(theirs));
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(ours.length, theirs.length) + 256);
        try {
            new MergeFormatter().formatMerge(out, r, LABELS, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        int conflicts = 0;
        if (r.containsConflicts()) {
            // Each conflict starts with a FIRST_CONFLICTING_RANGE chunk.
            for (var chunk : r) {
                if (chunk.getConflictState() == org.eclipse.jgit.merge.MergeChunk.ConflictState.FIRST_CONFLICTING_RANGE) {
                    conflicts++;
                }
            }
        }
        return new Output(out.toByteArray(), conflicts);
    }

    public static MergeAlgorithm newJGitAlgorithm() {
        return new MergeAlgorithm(new HistogramDiff());
    }
}
