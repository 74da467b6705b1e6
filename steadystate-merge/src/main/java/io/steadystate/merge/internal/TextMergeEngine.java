package io.steadystate.merge.internal;

import io.steadystate.merge.ConflictStyle;
import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.MergePolicy;
import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.structure.ConflictRegion;
import io.steadystate.merge.structure.FileMerge;
import io.steadystate.merge.structure.FileVersions;
import io.steadystate.merge.structure.LineRange;
import io.steadystate.merge.structure.RegionOutcome;
import io.steadystate.merge.structure.StructuredMerger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeChunk;
import org.eclipse.jgit.merge.MergeChunk.ConflictState;
import org.eclipse.jgit.merge.MergeResult;

/**
 * The text merge: a line merge with JGit's {@link MergeAlgorithm}, then, for every hunk both sides
 * changed, the same algorithm again on tokens. What still conflicts is written according to the
 * {@link MergePolicy}.
 */
public final class TextMergeEngine {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /**
     * How long the structured pass may spend on one file before the line result stands: 200 ms, plus
     * 4 ms per KiB of the three versions, because parsing them is linear in their size (about 2 ms per
     * KiB in a process whose code is not yet compiled, a tenth of that once warm).
     */
    static Duration structureBudget(int inputBytes) {
        return Duration.ofMillis(200 + inputBytes / 256);
    }

    static final String RULE_BOTH_INSERTED = "lines both sides inserted here: both kept, ours first";
    static final String RULE_LONGER_INSERTION = "one side inserted the other's lines and more: the longer insertion kept";
    static final String RULE_TOKENS = "edits to different words of the same lines: merged word by word";
    static final String RULE_UNION = "conflict kept both sides (--union)";

    private final MergeOptions options;
    private final MergeAlgorithm lineMerge = new MergeAlgorithm(new AnchoredHistogramDiff());
    private final LineAwareTokenDiff tokenDiff = new LineAwareTokenDiff();
    private final Lines base;
    private final Lines ours;
    private final Lines theirs;
    private final ByteSink out;
    private int conflicts;
    private List<MergeChunk> chunks;
    /** Chunks before this index are written, or part of a hunk. */
    private int written;
    /** An unresolved conflict not written yet, because the next one may be close enough to join it. */
    private Hunk pending;
    private final String path;
    private final StructuredMerger structuredMerger;
    private FileMerge structure;
    private final List<TextMergeResult.Resolution> resolutions = new ArrayList<>();

    private TextMergeEngine(String path, StructuredMerger structuredMerger, MergeOptions options, Lines base,
            Lines ours, Lines theirs) {
        this.path = path;
        this.structuredMerger = structuredMerger;
        this.options = options;
        this.base = base;
        this.ours = ours;
        this.theirs = theirs;
        this.out = new ByteSink(Math.max(ours.bytes().length, theirs.bytes().length) + 256);
    }

    /** Merges three versions of a file as text only; see {@link io.steadystate.merge.TextMerger}. */
    public static TextMergeResult merge(byte[] base, byte[] ours, byte[] theirs, MergeOptions options) {
        return merge(null, base, ours, theirs, options, null);
    }

    /**
     * Merges three versions of a file; {@code structuredMerger} (may be null) is asked about the
     * regions the line merge leaves in conflict. See {@link io.steadystate.merge.TextMerger}.
     */
    public static TextMergeResult merge(String path, byte[] base, byte[] ours, byte[] theirs, MergeOptions options,
            StructuredMerger structuredMerger) {
        TextMergeResult trivial = trivial(base, ours, theirs);
        if (trivial != null) {
            return trivial;
        }
        TextForm b = TextForm.of(base);
        TextForm o = TextForm.of(ours);
        TextForm t = TextForm.of(theirs);
        if (b.binary() || o.binary() || t.binary()) {
            return switch (options.policy()) {
                case OURS -> new TextMergeResult.Merged(ours, 0);
                case THEIRS -> new TextMergeResult.Merged(theirs, 0);
                case CONFLICT, UNION -> new TextMergeResult.BinaryConflict();
            };
        }
        // Text in one consistent convention per side is merged with LF endings, so that a side that
        // converted the whole file does not conflict with every line the other side touched.
        boolean normalize = b.eol() != Eol.MIXED && o.eol() != Eol.MIXED && t.eol() != Eol.MIXED;
        Eol eol = pick(b.eol(), o.eol(), t.eol(), Eol.NONE);
        boolean bom = pick(b.bom(), o.bom(), t.bom(), null);

        byte[] bb = b.body(normalize);
        byte[] ob = o.body(normalize);
        byte[] tb = t.body(normalize);
        byte[] merged;
        int conflictCount;
        List<TextMergeResult.Resolution> resolutions = List.of();
        TextMergeResult bodies = trivial(bb, ob, tb);
        if (bodies instanceof TextMergeResult.Merged m) {
            merged = m.content();
            conflictCount = 0;
        } else {
            TextMergeEngine engine = new TextMergeEngine(path == null ? "" : path, structuredMerger, options,
                    b.lines(bb), o.lines(ob), t.lines(tb));
            engine.run();
            merged = engine.out.toByteArray();
            conflictCount = engine.conflicts;
            resolutions = engine.resolutions;
        }
        if (normalize && eol == Eol.CRLF) {
            merged = toCrlf(merged);
        }
        if (bom) {
            byte[] withBom = new byte[merged.length + 3];
            System.arraycopy(BOM, 0, withBom, 0, 3);
            System.arraycopy(merged, 0, withBom, 3, merged.length);
            merged = withBom;
        }
        return new TextMergeResult.Merged(merged, conflictCount, resolutions);
    }

    /** The result when a side equals another, or null when there is real merging to do. */
    private static TextMergeResult trivial(byte[] base, byte[] ours, byte[] theirs) {
        if (Arrays.equals(ours, theirs) || Arrays.equals(base, theirs)) {
            return new TextMergeResult.Merged(ours, 0);
        }
        if (Arrays.equals(base, ours)) {
            return new TextMergeResult.Merged(theirs, 0);
        }
        return null;
    }

    /**
     * The value of a file-wide property (line endings, BOM) in the result: the side that changed it
     * wins; when both changed it differently, ours. {@code unknown} marks a side that says nothing.
     */
    private static <T> T pick(T base, T ours, T theirs, T unknown) {
        if (ours.equals(theirs) || theirs.equals(unknown) || theirs.equals(base)) {
            return ours.equals(unknown) ? theirs : ours;
        }
        if (ours.equals(unknown) || ours.equals(base)) {
            return theirs;
        }
        return ours;
    }

    private static byte[] toCrlf(byte[] lf) {
        int lines = 0;
        for (byte x : lf) {
            if (x == '\n') {
                lines++;
            }
        }
        byte[] crlf = new byte[lf.length + lines];
        int n = 0;
        for (byte x : lf) {
            if (x == '\n') {
                crlf[n++] = '\r';
            }
            crlf[n++] = x;
        }
        return crlf;
    }

    private void run() {
        chunks = new ArrayList<>();
        lineMerge.<RawText>merge(RawTextComparator.DEFAULT, base, ours, theirs).forEach(chunks::add);
        int i = 0;
        while (i < chunks.size()) {
            if (chunks.get(i).getConflictState() != ConflictState.FIRST_CONFLICTING_RANGE) {
                i++;
                continue;
            }
            int groupEnd = i + 1;
            while (groupEnd < chunks.size() && isContinuation(chunks.get(groupEnd))) {
                groupEnd++;
            }
            // JGit moves lines common to the start or end of both sides out of a conflict, as side
            // chunks, and shifts the base range with them, losing base lines. Take those chunks back
            // and recompute the base range from the base chunks around the conflict.
            int lo = i;
            while (lo > written && isSideChunk(chunks.get(lo - 1))) {
                lo--;
            }
            int hi = groupEnd;
            while (hi < chunks.size() && isSideChunk(chunks.get(hi))) {
                hi++;
            }
            resolve(hunk(lo, i, groupEnd, hi), lo, hi);
            written = hi;
            i = hi;
        }
        flushPending(chunks.size());
    }

    /** Writes the pending conflict, if any, and the chunks after it up to {@code to}. */
    private void flushPending(int to) {
        if (pending != null) {
            writeConflict(pending);
            pending = null;
        }
        for (int k = written; k < to; k++) {
            writeChunk(chunks.get(k));
        }
        written = to;
    }

    private static boolean isContinuation(MergeChunk c) {
        return c.getConflictState() == ConflictState.BASE_CONFLICTING_RANGE
                || c.getConflictState() == ConflictState.NEXT_CONFLICTING_RANGE;
    }

    private static boolean isSideChunk(MergeChunk c) {
        return c.getConflictState() == ConflictState.NO_CONFLICT && c.getSequenceIndex() != 0;
    }

    private void writeChunk(MergeChunk c) {
        Lines seq = side(c.getSequenceIndex());
        out.write(seq.bytes(), seq.start(c.getBegin()), seq.start(c.getEnd()));
    }

    /** The hunk of chunks {@code [lo, hi)}: common side lines {@code [lo, first)} and {@code [end, hi)} around a conflict. */
    private Hunk hunk(int lo, int first, int end, int hi) {
        int before = 0;
        for (int k = lo; k < first; k++) {
            before += chunks.get(k).getEnd() - chunks.get(k).getBegin();
        }
        int after = 0;
        for (int k = end; k < hi; k++) {
            after += chunks.get(k).getEnd() - chunks.get(k).getBegin();
        }
        int baseFrom = 0;
        for (int k = lo - 1; k >= 0; k--) {
            if (chunks.get(k).getSequenceIndex() == 0 && chunks.get(k).getConflictState() == ConflictState.NO_CONFLICT) {
                baseFrom = chunks.get(k).getEnd();
                break;
            }
        }
        int baseTo = base.size();
        for (int k = hi; k < chunks.size(); k++) {
            if (chunks.get(k).getSequenceIndex() == 0 && chunks.get(k).getConflictState() == ConflictState.NO_CONFLICT) {
                baseTo = chunks.get(k).getBegin();
                break;
            }
        }
        int oursFrom = 0, oursTo = 0, theirsFrom = 0, theirsTo = 0;
        for (int k = first; k < end; k++) {
            MergeChunk c = chunks.get(k);
            if (c.getSequenceIndex() == 1) {
                oursFrom = c.getBegin() - before;
                oursTo = c.getEnd() + after;
            } else if (c.getSequenceIndex() == 2) {
                theirsFrom = c.getBegin() - before;
                theirsTo = c.getEnd() + after;
            }
        }
        return new Hunk(this, baseFrom, baseTo, oursFrom, oursTo, theirsFrom, theirsTo);
    }

    /**
     * Whether git would show two conflicts as one: git merge-file joins conflicts (in its merge and
     * zdiff3 styles) that are at most three lines apart, or apart only by lines without a letter or digit.
     */
    private boolean joinable(Hunk first, Hunk next) {
        if (options.style() == ConflictStyle.DIFF3) {
            return false;
        }
        int gapFrom = first.oursLineTo;
        int gapTo = next.oursLineFrom;
        if (gapTo - gapFrom <= 3) {
            return true;
        }
        byte[] text = ours.bytes();
        for (int k = ours.start(gapFrom); k < ours.start(gapTo); k++) {
            byte c = text[k];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private Lines side(int sequenceIndex) {
        return switch (sequenceIndex) {
            case 0 -> base;
            case 1 -> ours;
            default -> theirs;
        };
    }

    /** One conflicting hunk: line ranges in base, ours and theirs, and the byte ranges they cover. */
    private static final class Hunk {
        final int baseFrom, baseTo, oursFrom, oursTo, theirsFrom, theirsTo;
        final int baseLineFrom, baseLineTo, oursLineFrom, oursLineTo, theirsLineFrom, theirsLineTo;

        Hunk(TextMergeEngine e, int baseLineFrom, int baseLineTo, int oursLineFrom, int oursLineTo,
                int theirsLineFrom, int theirsLineTo) {
            this.baseFrom = e.base.start(baseLineFrom);
            this.baseTo = e.base.start(baseLineTo);
            this.oursFrom = e.ours.start(oursLineFrom);
            this.oursTo = e.ours.start(oursLineTo);
            this.theirsFrom = e.theirs.start(theirsLineFrom);
            this.theirsTo = e.theirs.start(theirsLineTo);
            this.baseLineFrom = baseLineFrom;
            this.baseLineTo = baseLineTo;
            this.oursLineFrom = oursLineFrom;
            this.oursLineTo = oursLineTo;
            this.theirsLineFrom = theirsLineFrom;
            this.theirsLineTo = theirsLineTo;
        }

        /** This hunk and a later one as one, everything between them included. */
        Hunk joinedWith(TextMergeEngine e, Hunk next) {
            return new Hunk(e, baseLineFrom, next.baseLineTo, oursLineFrom, next.oursLineTo, theirsLineFrom, next.theirsLineTo);
        }
    }

    /** Resolves or reports hunk {@code h}, whose chunks start at index {@code lo}. */
    private void resolve(Hunk h, int lo, int hi) {
        RegionOutcome structured = null;
        if (h.baseFrom == h.baseTo) {
            boolean contained = oneInsertionContainsTheOther(h);
            if (options.orderInsertions() || contained) {
                // Keeping both insertions is a guess about the code; a language that knows better
                // (the same member added twice, two versions of one import list) decides first.
                structured = structured(h);
                if (structured instanceof RegionOutcome.Resolved r && fits(r, lo, hi)) {
                    writeResolved(h, lo, r.text(), "structure: " + r.rule());
                    return;
                }
                if (!(structured instanceof RegionOutcome.Conflict)) {
                    // Both sides inserted lines at the same point: keep both, ours first (the CRDT
                    // rule), and lines common to the start or end of both insertions only once.
                    flushPending(lo);
                    int line = out.lineFeeds();
                    writeBothTrimmed(h);
                    record(line, h, contained ? RULE_LONGER_INSERTION : RULE_BOTH_INSERTED);
                    return;
                }
            }
        }
        ByteSink refined = options.refineTokens() && !(structured instanceof RegionOutcome.Conflict) ? refine(h) : null;
        if (refined != null) {
            flushPending(lo);
            int line = out.lineFeeds();
            out.write(refined.toByteArray());
            record(line, h, RULE_TOKENS);
            return;
        }
        if (structured == null) {
            structured = structured(h);
        }
        if (structured instanceof RegionOutcome.Resolved r && fits(r, lo, hi)) {
            writeResolved(h, lo, r.text(), "structure: " + r.rule());
            return;
        }
        if (options.policy() == MergePolicy.CONFLICT) {
            if (pending != null && joinable(pending, h)) {
                pending = pending.joinedWith(this, h);
            } else {
                flushPending(lo);
                pending = h;
            }
            return;
        }
        flushPending(lo);
        switch (options.policy()) {
            case OURS -> out.write(ours.bytes(), h.oursFrom, h.oursTo);
            case THEIRS -> out.write(theirs.bytes(), h.theirsFrom, h.theirsTo);
            case UNION -> writeBothTrimmed(h);
            case CONFLICT -> throw new AssertionError("handled above");
        }
    }

    /**
     * Whether the output around the hunk of chunks {@code [lo, hi)} holds the lines resolution
     * {@code r} was worked out against: what is written before it, and what the clean chunks after it
     * will write. A resolution built on anything else would change bytes outside its region.
     */
    private boolean fits(RegionOutcome.Resolved r, int lo, int hi) {
        byte[] before = r.before().getBytes(StandardCharsets.UTF_8);
        byte[] after = r.after().getBytes(StandardCharsets.UTF_8);
        if (before.length > 0) {
            flushPending(lo);
            if (!out.endsWith(before)) {
                return false;
            }
        }
        if (after.length == 0) {
            return true;
        }
        ByteSink next = new ByteSink(after.length + 64);
        for (int k = hi; k < chunks.size() && next.size() < after.length; k++) {
            MergeChunk c = chunks.get(k);
            if (c.getConflictState() != ConflictState.NO_CONFLICT || isSideChunk(c) && leadsToConflict(k)) {
                break;
            }
            Lines seq = side(c.getSequenceIndex());
            next.write(seq.bytes(), seq.start(c.getBegin()), seq.start(c.getEnd()));
        }
        return next.startsWith(after);
    }

    /** Whether chunk {@code k} starts a run of side chunks that a conflict follows (they belong to its hunk). */
    private boolean leadsToConflict(int k) {
        int j = k;
        while (j < chunks.size() && isSideChunk(chunks.get(j))) {
            j++;
        }
        return j < chunks.size() && chunks.get(j).getConflictState() == ConflictState.FIRST_CONFLICTING_RANGE;
    }

    private void writeResolved(Hunk h, int lo, String text, String rule) {
        flushPending(lo);
        int line = out.lineFeeds();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        record(line, h, rule);
    }

    /** Notes that the output from line index {@code fromLine} to here settled hunk {@code h}. */
    private void record(int fromLine, Hunk h, String rule) {
        int to = out.lineFeeds() + (out.atLineStart() ? 0 : 1);
        resolutions.add(new TextMergeResult.Resolution(fromLine + 1, to - fromLine, h.oursLineFrom + 1, rule));
    }

    /**
     * What the structured merger makes of hunk {@code h}, or null when there is none. Whatever goes
     * wrong inside it leaves the line merge's result in place.
     */
    private RegionOutcome structured(Hunk h) {
        if (structuredMerger == null) {
            return null;
        }
        // A resolution ends at a line end; a region holding a last line without one stays as it is.
        if (!endsAtLineEnd(base, h.baseTo) || !endsAtLineEnd(ours, h.oursTo) || !endsAtLineEnd(theirs, h.theirsTo)) {
            return new RegionOutcome.Declined("the region ends without a line feed");
        }
        try {
            if (structure == null) {
                structure = structuredMerger.open(new FileVersions(path, utf8(base), utf8(ours), utf8(theirs), options,
                        structureBudget(base.bytes().length + ours.bytes().length + theirs.bytes().length)));
            }
            RegionOutcome outcome = structure.resolve(new ConflictRegion(
                    new LineRange(h.baseLineFrom, h.baseLineTo),
                    new LineRange(h.oursLineFrom, h.oursLineTo),
                    new LineRange(h.theirsLineFrom, h.theirsLineTo)));
            return outcome == null ? new RegionOutcome.Declined("no answer") : outcome;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // Never let the structured pass break a merge: a bug, a deep recursion or a missing
            // parser class all leave the line result in place.
            return new RegionOutcome.Declined("structured merger failed: " + e);
        }
    }

    private static boolean endsAtLineEnd(Lines seq, int byteOffset) {
        return byteOffset == 0 || seq.bytes()[byteOffset - 1] == '\n';
    }

    private static String utf8(Lines seq) {
        return new String(seq.bytes(), StandardCharsets.UTF_8);
    }

    /**
     * Merges the hunk again on tokens. Returns the merged bytes, or null when some tokens were changed
     * differently on both sides.
     */
    private ByteSink refine(Hunk h) {
        Tokens b = new Tokens(base.bytes(), h.baseFrom, h.baseTo);
        Tokens o = new Tokens(ours.bytes(), h.oursFrom, h.oursTo);
        Tokens t = new Tokens(theirs.bytes(), h.theirsFrom, h.theirsTo);
        EditList oursEdits = tokenDiff.diff(Tokens.COMPARATOR, b, o);
        EditList theirsEdits = tokenDiff.diff(Tokens.COMPARATOR, b, t);
        if (!EditFootprint.compatible(b, oursEdits, o, theirsEdits, t)
                || !ListArity.compatible(b, oursEdits, o, theirsEdits, t)) {
            return null;
        }
        // The merge combines the diffs just checked; computing them a second time would only cost.
        MergeResult<Tokens> result = new MergeAlgorithm(new KnownEdits(o, oursEdits, theirsEdits))
                .merge(Tokens.COMPARATOR, b, o, t);
        if (result.containsConflicts()) {
            // Concurrent insertions of whole lines were settled on lines already; whatever still
            // conflicts among tokens was changed differently on both sides.
            return null;
        }
        ByteSink sink = new ByteSink(Math.max(h.oursTo - h.oursFrom, h.theirsTo - h.theirsFrom) + 16);
        for (MergeChunk c : result) {
            Tokens seq = c.getSequenceIndex() == 0 ? b : c.getSequenceIndex() == 1 ? o : t;
            sink.write(seq.text(), seq.start(c.getBegin()), seq.end(c.getEnd()));
        }
        return sink;
    }

    private void writeBothTrimmed(Hunk h) {
        int[] trim = commonLines(h);
        int head = trim[0];
        int tail = trim[1];
        out.write(ours.bytes(), h.oursFrom, ours.start(h.oursLineFrom + head));
        writeSection(ours, h.oursLineFrom + head, h.oursLineTo - tail);
        writeSection(theirs, h.theirsLineFrom + head, h.theirsLineTo - tail);
        writeSection(ours, h.oursLineTo - tail, h.oursLineTo);
    }

    private void writeConflict(Hunk h) {
        conflicts++;
        boolean diff3 = options.style() != ConflictStyle.MERGE;
        int[] trim = options.style() == ConflictStyle.DIFF3 ? new int[] {0, 0} : commonLines(h);
        int head = trim[0];
        int tail = trim[1];
        out.write(ours.bytes(), h.oursFrom, ours.start(h.oursLineFrom + head));
        marker('<', options.oursLabel());
        writeSection(ours, h.oursLineFrom + head, h.oursLineTo - tail);
        if (diff3) {
            marker('|', options.baseLabel());
            writeBytes(base.bytes(), h.baseFrom, h.baseTo);
        }
        marker('=', "");
        writeSection(theirs, h.theirsLineFrom + head, h.theirsLineTo - tail);
        marker('>', options.theirsLabel());
        writeSection(ours, h.oursLineTo - tail, h.oursLineTo);
    }

    /**
     * Whether one side's inserted lines are the other's with lines added before or after them; then
     * keeping the longer raises no question of order. Lines added in the middle of the other side's
     * block are an edit of that block (an import slipped in among the other side's), and stay a
     * conflict.
     */
    private boolean oneInsertionContainsTheOther(Hunk h) {
        int oursLen = h.oursLineTo - h.oursLineFrom;
        int theirsLen = h.theirsLineTo - h.theirsLineFrom;
        int shorter = Math.min(oursLen, theirsLen);
        int head = 0;
        while (head < shorter && sameLine(h.oursLineFrom + head, h.theirsLineFrom + head)) {
            head++;
        }
        int tail = 0;
        while (tail < shorter && sameLine(h.oursLineTo - 1 - tail, h.theirsLineTo - 1 - tail)) {
            tail++;
        }
        return head == shorter || tail == shorter;
    }

    /** How many lines at the start and at the end of the hunk ours and theirs have in common. */
    private int[] commonLines(Hunk h) {
        int oursLen = h.oursLineTo - h.oursLineFrom;
        int theirsLen = h.theirsLineTo - h.theirsLineFrom;
        int max = Math.min(oursLen, theirsLen);
        int head = 0;
        while (head < max && sameLine(h.oursLineFrom + head, h.theirsLineFrom + head)) {
            head++;
        }
        int tail = 0;
        while (tail < max - head && sameLine(h.oursLineTo - 1 - tail, h.theirsLineTo - 1 - tail)) {
            tail++;
        }
        return new int[] {head, tail};
    }

    private boolean sameLine(int oursLine, int theirsLine) {
        return RawTextComparator.DEFAULT.equals(ours, oursLine, theirs, theirsLine);
    }

    private void writeSection(Lines seq, int lineFrom, int lineTo) {
        writeBytes(seq.bytes(), seq.start(lineFrom), seq.start(lineTo));
    }

    /** Writes a section that must end at a line end, adding a line feed where the input had none. */
    private void writeBytes(byte[] src, int from, int to) {
        if (from >= to) {
            return;
        }
        if (!out.atLineStart()) {
            out.write((byte) '\n');
        }
        out.write(src, from, to);
    }

    private void marker(char c, String label) {
        if (!out.atLineStart()) {
            out.write((byte) '\n');
        }
        for (int i = 0; i < 7; i++) {
            out.write((byte) c);
        }
        if (!label.isEmpty()) {
            out.write((byte) ' ');
            out.write(label.getBytes(StandardCharsets.UTF_8));
        }
        out.write((byte) '\n');
    }


    /** Hands {@link MergeAlgorithm} the two diffs against the base that are already known. */
    private static final class KnownEdits extends DiffAlgorithm {
        private final Sequence ours;
        private final EditList oursEdits;
        private final EditList theirsEdits;

        KnownEdits(Sequence ours, EditList oursEdits, EditList theirsEdits) {
            this.ours = ours;
            this.oursEdits = oursEdits;
            this.theirsEdits = theirsEdits;
        }

        @Override
        public <S extends Sequence> EditList diff(SequenceComparator<? super S> cmp, S a, S b) {
            return b == ours ? oursEdits : theirsEdits;
        }

        @Override
        public <S extends Sequence> EditList diffNonCommon(SequenceComparator<? super S> cmp, S a, S b) {
            throw new UnsupportedOperationException("only the known diffs are served");
        }
    }
}
