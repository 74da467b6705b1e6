package io.steadystate.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the text merge checked on seeded random texts and edits.
 *
 * <p>Texts are lines of words, numbers (some with dots), punctuation and blank lines, with LF or CRLF
 * endings, sometimes without a final newline or with a byte order mark; edits replace, insert and
 * delete lines and replace, insert and delete single tokens inside lines. Every failure names the
 * seed and prints the three inputs, so that a case can be replayed by running that seed alone.
 */
class TextMergePropertiesTest {

    private static final int SEEDS = 300;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    static IntStream seeds() {
        return IntStream.range(0, SEEDS);
    }

    // ---------------------------------------------------------------------------------------------
    // Properties

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theirsUnchangedGivesOurs(int seed) {
        Gen g = new Gen(seed);
        Doc base = g.doc();
        Doc ours = g.edit(base);
        MergeOptions options = g.options();
        Case c = new Case(seed, options, base.bytes(), ours.bytes(), base.bytes());
        c.check(() -> assertThat(c.merge()).isEqualTo(new TextMergeResult.Merged(c.ours, 0)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oursUnchangedGivesTheirs(int seed) {
        Gen g = new Gen(seed);
        Doc base = g.doc();
        Doc theirs = g.edit(base);
        MergeOptions options = g.options();
        Case c = new Case(seed, options, base.bytes(), base.bytes(), theirs.bytes());
        c.check(() -> assertThat(c.merge()).isEqualTo(new TextMergeResult.Merged(c.theirs, 0)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sameChangeOnBothSidesGivesThatChange(int seed) {
        Gen g = new Gen(seed);
        Doc base = g.doc();
        Doc both = g.edit(base);
        MergeOptions options = g.options();
        Case c = new Case(seed, options, base.bytes(), both.bytes(), both.bytes());
        c.check(() -> assertThat(c.merge()).isEqualTo(new TextMergeResult.Merged(c.ours, 0)));
    }

    /** Same inputs give the same bytes, from one merger twice and from fresh mergers; inputs stay unmodified. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergeIsDeterministicAndLeavesInputsAlone(int seed) {
        Gen g = new Gen(seed);
        Doc base = g.doc();
        Case c = new Case(seed, g.options(), base.bytes(), g.edit(base).bytes(), g.edit(base).bytes());
        c.check(() -> {
            byte[] b = c.base.clone();
            byte[] o = c.ours.clone();
            byte[] t = c.theirs.clone();
            TextMerger merger = new TextMerger(c.options);
            TextMergeResult first = merger.merge(c.base, c.ours, c.theirs);
            TextMergeResult second = merger.merge(c.base, c.ours, c.theirs);
            TextMergeResult fresh = new TextMerger(new MergeOptions(c.options.policy(), c.options.style(),
                    c.options.oursLabel(), c.options.baseLabel(), c.options.theirsLabel(),
                    c.options.refineTokens(), c.options.orderInsertions())).merge(b.clone(), o.clone(), t.clone());
            assertThat(second).isEqualTo(first);
            assertThat(fresh).isEqualTo(first);
            assertThat(c.base).isEqualTo(b);
            assertThat(c.ours).isEqualTo(o);
            assertThat(c.theirs).isEqualTo(t);
        });
    }

    /**
     * UNION never loses what either side added. Tokens are maximal runs of letters, digits, {@code _}
     * and non-ASCII characters, and single punctuation characters; white space (and a BOM) is not a
     * token. For every token {@code w} and each side {@code S}:
     * {@code count(result, w) >= count(S, w) - count(base, w)}. In words: every token a side has more
     * often than the base (in particular every token absent from the base) occurs in the result at
     * least as many extra times. It holds for any merge that keeps each side's version of the regions
     * only that side changed and both sides' text of regions they both changed: only the other side's
     * deletions of base text can lower a count, and they remove at most {@code count(base, w)}.
     * Lines both sides added identically may be kept once, so the bound is per side, not the sum.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void unionKeepsEveryTokenEitherSideAdded(int seed) {
        Gen g = new Gen(seed);
        Doc base = g.doc();
        MergeOptions options = g.options().withPolicy(MergePolicy.UNION);
        Case c = new Case(seed, options, base.bytes(), g.edit(base).bytes(), g.edit(base).bytes());
        c.check(() -> {
            TextMergeResult r = c.merge();
            assertThat(r).isInstanceOf(TextMergeResult.Merged.class);
            assertThat(r.conflictCount()).isZero();
            Map<String, Integer> result = tokenCounts(((TextMergeResult.Merged) r).content());
            Map<String, Integer> b = tokenCounts(c.base);
            for (byte[] side : List.of(c.ours, c.theirs)) {
                tokenCounts(side).forEach((token, n) -> {
                    int added = n - b.getOrDefault(token, 0);
                    assertThat(result.getOrDefault(token, 0))
                            .as("occurrences of token '%s' (side has %d, base %d)", token, n, b.getOrDefault(token, 0))
                            .isGreaterThanOrEqualTo(added);
                });
            }
        });
    }

    /**
     * Edits on separate regions all land: ours and theirs change disjoint sets of base lines with at
     * least one line neither touches between any line of ours and any line of theirs (insertions
     * belong to the line they are next to). Every policy and style must merge cleanly into the base
     * with both sets of edits applied.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void separateEditsMergeCleanlyIntoBothChanges(int seed) {
        Gen g = new Gen(seed);
        Disjoint d = g.disjoint();
        MergeOptions options = g.options().withPolicy(MergePolicy.values()[g.r.nextInt(4)]);
        Case c = new Case(seed, options, d.base.bytes(), d.ours.bytes(), d.theirs.bytes());
        c.check(() -> assertThat(c.merge()).isEqualTo(new TextMergeResult.Merged(d.both.bytes(), 0)));
    }

    /** OURS and THEIRS resolve everything, even binary files, and never write markers. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oursAndTheirsPoliciesAreAlwaysClean(int seed) {
        Gen g = new Gen(seed);
        Doc base = g.doc();
        boolean binary = g.r.nextInt(10) == 0;
        byte[] b = base.bytes();
        byte[] o = g.edit(base).bytes();
        byte[] t = g.edit(base).bytes();
        if (binary) {
            o = withNul(o, g.r);
        }
        MergeOptions options = g.options();
        for (MergePolicy policy : List.of(MergePolicy.OURS, MergePolicy.THEIRS)) {
            Case c = new Case(seed, options.withPolicy(policy), b, o, t);
            c.check(() -> {
                TextMergeResult r = c.merge();
                assertThat(r).isInstanceOf(TextMergeResult.Merged.class);
                assertThat(r.conflictCount()).isZero();
                assertThat(r.isClean()).isTrue();
                assertThat(markerLines(((TextMergeResult.Merged) r).content())).isEmpty();
            });
        }
    }

    /**
     * A CONFLICT merge shows both sides: its markers are well formed and carry the labels; taking the
     * ours section of every conflict gives exactly the OURS merge, taking the theirs section gives the
     * THEIRS merge (up to the newline a section gets before a marker when it ends the file without
     * one); base sections (diff3, zdiff3) are runs of base lines; the count is the number of blocks.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void conflictMarkersHoldBothSides(int seed) {
        Gen g = new Gen(seed);
        Doc base = g.doc();
        MergeOptions options = g.options().withPolicy(MergePolicy.CONFLICT);
        Case c = new Case(seed, options, base.bytes(), g.edit(base).bytes(), g.edit(base).bytes());
        c.check(() -> {
            TextMergeResult r = c.merge();
            assertThat(r).isInstanceOf(TextMergeResult.Merged.class);
            byte[] content = ((TextMergeResult.Merged) r).content();
            Blocks blocks = Blocks.parse(content, options);
            assertThat(blocks.count).as("conflict blocks").isEqualTo(r.conflictCount());
            byte[] ours = ((TextMergeResult.Merged) new TextMerger(options.withPolicy(MergePolicy.OURS))
                    .merge(c.base, c.ours, c.theirs)).content();
            byte[] theirs = ((TextMergeResult.Merged) new TextMerger(options.withPolicy(MergePolicy.THEIRS))
                    .merge(c.base, c.ours, c.theirs)).content();
            assertThat(show(blocks.takeOurs.toByteArray()))
                    .as("conflicts resolved with ours").isIn(uptoFinalNewline(ours));
            assertThat(show(blocks.takeTheirs.toByteArray()))
                    .as("conflicts resolved with theirs").isIn(uptoFinalNewline(theirs));
            List<String> baseLines = lines(c.base);
            for (List<String> section : blocks.baseSections) {
                assertThat(Collections.indexOfSubList(baseLines, section))
                        .as("base section %s is a run of base lines", section).isGreaterThanOrEqualTo(0);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // A merge case with its seed, so that failures can be replayed

    private record Case(int seed, MergeOptions options, byte[] base, byte[] ours, byte[] theirs) {

        TextMergeResult merge() {
            return new TextMerger(options).merge(base, ours, theirs);
        }

        void check(Runnable assertions) {
            try {
                assertions.run();
            } catch (AssertionError e) {
                AssertionError wrapped = new AssertionError("seed " + seed + ", " + options
                        + "\n--- base:\n" + show(base) + "\n--- ours:\n" + show(ours) + "\n--- theirs:\n" + show(theirs)
                        + "\n--- result:\n" + describe(merge()) + "\n--- failure: " + e.getMessage(), e);
                throw wrapped;
            }
        }
    }

    static String describe(TextMergeResult r) {
        return r instanceof TextMergeResult.Merged m ? show(m.content()) + "\n(conflicts: " + m.conflictCount() + ")" : r.toString();
    }

    /** Bytes as text with CR, and a missing final newline, made visible. */
    static String show(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\0", "\\0");
        return s.endsWith("\n") || s.isEmpty() ? s : s + "\\ (no newline at end)";
    }

    // ---------------------------------------------------------------------------------------------
    // Tokens and lines of results

    static Map<String, Integer> tokenCounts(byte[] bytes) {
        Map<String, Integer> counts = new HashMap<>();
        String s = new String(bytes, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (cp == 0xFEFF || Character.isWhitespace(cp) || cp == 0x0B) {
                i += Character.charCount(cp);
            } else if (isWordChar(cp)) {
                int start = i;
                while (i < s.length() && isWordChar(s.codePointAt(i)) && s.codePointAt(i) != 0xFEFF) {
                    i += Character.charCount(s.codePointAt(i));
                }
                counts.merge(s.substring(start, i), 1, Integer::sum);
            } else {
                counts.merge(new String(Character.toChars(cp)), 1, Integer::sum);
                i += Character.charCount(cp);
            }
        }
        return counts;
    }

    private static boolean isWordChar(int cp) {
        return cp >= 0x80 || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    }

    /** Lines without their terminators (and without a BOM). */
    static List<String> lines(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        List<String> out = new ArrayList<>();
        for (String l : splitKeepingEnds(s)) {
            out.add(stripEnd(l));
        }
        return out;
    }

    static List<String> splitKeepingEnds(String s) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < s.length()) {
            int nl = s.indexOf('\n', from);
            int to = nl < 0 ? s.length() : nl + 1;
            out.add(s.substring(from, to));
            from = to;
        }
        return out;
    }

    static String stripEnd(String line) {
        if (line.endsWith("\r\n")) {
            return line.substring(0, line.length() - 2);
        }
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * The text as it may appear with conflicts resolved: as is, or, when it does not end with a
     * newline, with the LF or CRLF written before a marker that followed its last line.
     */
    static List<String> uptoFinalNewline(byte[] b) {
        String s = show(b);
        if (b.length == 0 || b[b.length - 1] == '\n') {
            return List.of(s);
        }
        String bare = new String(b, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\0", "\\0");
        return List.of(s, bare + "\n", bare + "\\r\n");
    }

    static List<String> markerLines(byte[] content) {
        List<String> out = new ArrayList<>();
        for (String l : lines(content)) {
            for (String m : List.of("<<<<<<<", "|||||||", "=======", ">>>>>>>")) {
                if (l.startsWith(m)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    static byte[] withNul(byte[] b, Random r) {
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        out[at] = 0;
        return out;
    }

    /** The conflict blocks of a CONFLICT merge, and the text with every block resolved to one side. */
    static final class Blocks {
        int count;
        final ByteArrayOutputStream takeOurs = new ByteArrayOutputStream();
        final ByteArrayOutputStream takeTheirs = new ByteArrayOutputStream();
        final List<List<String>> baseSections = new ArrayList<>();

        static Blocks parse(byte[] content, MergeOptions options) {
            Blocks blocks = new Blocks();
            String s = new String(content, StandardCharsets.UTF_8);
            if (s.startsWith("\uFEFF")) {
                s = s.substring(1);
                blocks.takeOurs.writeBytes(BOM);
                blocks.takeTheirs.writeBytes(BOM);
            }
            String open = marker('<', options.oursLabel());
            String baseMark = marker('|', options.baseLabel());
            String sep = marker('=', "");
            String close = marker('>', options.theirsLabel());
            boolean diff3 = options.style() != ConflictStyle.MERGE;
            int state = 0; // 0 outside, 1 ours, 2 base, 3 theirs
            List<String> baseSection = null;
            for (String raw : splitKeepingEnds(s)) {
                String line = stripEnd(raw);
                byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
                switch (state) {
                    case 0 -> {
                        assertThat(line).as("marker outside a conflict").doesNotStartWith("|||||||")
                                .doesNotStartWith("=======").doesNotStartWith(">>>>>>>");
                        if (line.startsWith("<<<<<<<")) {
                            assertThat(line).isEqualTo(open);
                            blocks.count++;
                            state = 1;
                        } else {
                            blocks.takeOurs.writeBytes(bytes);
                            blocks.takeTheirs.writeBytes(bytes);
                        }
                    }
                    case 1 -> {
                        if (line.startsWith("|||||||")) {
                            assertThat(diff3).as("base section in merge style").isTrue();
                            assertThat(line).isEqualTo(baseMark);
                            baseSection = new ArrayList<>();
                            state = 2;
                        } else if (line.startsWith("=======")) {
                            assertThat(diff3).as("diff3 style conflict without a base section").isFalse();
                            assertThat(line).isEqualTo(sep);
                            state = 3;
                        } else {
                            assertThat(line).doesNotStartWith("<<<<<<<").doesNotStartWith(">>>>>>>");
                            blocks.takeOurs.writeBytes(bytes);
                        }
                    }
                    case 2 -> {
                        if (line.startsWith("=======")) {
                            assertThat(line).isEqualTo(sep);
                            blocks.baseSections.add(baseSection);
                            state = 3;
                        } else {
                            assertThat(line).doesNotStartWith("<<<<<<<").doesNotStartWith(">>>>>>>");
                            baseSection.add(line);
                        }
                    }
                    default -> {
                        if (line.startsWith(">>>>>>>")) {
                            assertThat(line).isEqualTo(close);
                            state = 0;
                        } else {
                            assertThat(line).doesNotStartWith("<<<<<<<").doesNotStartWith("|||||||")
                                    .doesNotStartWith("=======");
                            blocks.takeTheirs.writeBytes(bytes);
                        }
                    }
                }
            }
            assertThat(state).as("unterminated conflict").isZero();
            return blocks;
        }

        private static String marker(char c, String label) {
            return String.valueOf(c).repeat(7) + (label.isEmpty() ? "" : " " + label);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Texts and edits

    /** A text as lines without terminators, its line ending, final newline and byte order mark. */
    record Doc(List<String> lines, String eol, boolean finalNewline, boolean bom) {

        byte[] bytes() {
            StringBuilder sb = new StringBuilder();
            if (bom) {
                sb.append('\uFEFF');
            }
            for (int i = 0; i < lines.size(); i++) {
                sb.append(lines.get(i));
                if (i < lines.size() - 1 || finalNewline) {
                    sb.append(eol);
                }
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        Doc with(List<String> newLines) {
            return new Doc(newLines, eol, finalNewline, bom);
        }
    }

    /** Base, ours and theirs with edits on separate regions, and the base with both sets of edits. */
    record Disjoint(Doc base, Doc ours, Doc theirs, Doc both) {
    }

    static final class Gen {
        private static final String[] WORDS = {
            "alpha", "beta", "gamma", "delta", "value", "count", "x", "y", "i", "foo", "bar", "return", "if",
            "else", "while", "int", "String", "name", "total_sum", "über", "naïve", "日本", "Ωmega"
        };
        private static final String[] PUNCT = {
            ".", ",", ";", "(", ")", "{", "}", "+", "-", "*", "/", "=", "\"", ":", "!", "?", "[", "]", "#", "&", "%"
        };

        final Random r;

        Gen(int seed) {
            this.r = new Random(0x5EEDL * 1_000_003L + seed);
        }

        MergeOptions options() {
            String[] labels = {"ours", "base", "theirs"};
            if (r.nextInt(4) == 0) {
                labels = new String[] {"HEAD", "", "feature/ü ñ"};
            }
            return new MergeOptions(MergePolicy.CONFLICT, ConflictStyle.values()[r.nextInt(3)], labels[0], labels[1],
                    labels[2], r.nextInt(4) != 0, r.nextBoolean());
        }

        String token() {
            int k = r.nextInt(100);
            if (k < 60) {
                return WORDS[r.nextInt(WORDS.length)];
            }
            if (k < 80) {
                return r.nextInt(5) == 0 ? r.nextInt(10) + "." + r.nextInt(100) : Integer.toString(r.nextInt(1000));
            }
            return PUNCT[r.nextInt(PUNCT.length)];
        }

        String line() {
            if (r.nextInt(8) == 0) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            if (r.nextInt(4) == 0) {
                sb.append(r.nextBoolean() ? "    " : "\t");
            }
            int n = 1 + r.nextInt(7);
            for (int i = 0; i < n; i++) {
                if (i > 0 && r.nextInt(4) != 0) {
                    sb.append(' ');
                }
                sb.append(token());
            }
            return sb.toString();
        }

        String nonBlankLine() {
            String l;
            do {
                l = line();
            } while (l.isBlank());
            return l;
        }

        Doc doc() {
            int n = r.nextInt(12) == 0 ? r.nextInt(2) : 1 + r.nextInt(20);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                lines.add(line());
            }
            return new Doc(lines, r.nextInt(4) == 0 ? "\r\n" : "\n", r.nextInt(7) != 0, r.nextInt(20) == 0);
        }

        /** A random descendant of {@code base}: line and token edits, sometimes file-wide changes. */
        Doc edit(Doc base) {
            List<String> lines = new ArrayList<>(base.lines());
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int k = r.nextInt(100);
                if (lines.isEmpty() || k < 20) {
                    int at = r.nextInt(lines.size() + 1);
                    int n = 1 + r.nextInt(3);
                    for (int i = 0; i < n; i++) {
                        lines.add(at, line());
                    }
                } else if (k < 35) {
                    int at = r.nextInt(lines.size());
                    int n = Math.min(lines.size() - at, 1 + r.nextInt(2));
                    lines.subList(at, at + n).clear();
                } else if (k < 55) {
                    lines.set(r.nextInt(lines.size()), line());
                } else {
                    int at = r.nextInt(lines.size());
                    lines.set(at, wordEdit(lines.get(at)));
                }
            }
            if (r.nextInt(50) == 0) {
                lines.clear();
            }
            String eol = base.eol();
            boolean finalNewline = base.finalNewline();
            boolean bom = base.bom();
            if (r.nextInt(12) == 0) {
                eol = eol.equals("\n") ? "\r\n" : "\n";
            }
            if (r.nextInt(12) == 0) {
                finalNewline = !finalNewline;
            }
            if (r.nextInt(30) == 0) {
                bom = !bom;
            }
            if (r.nextInt(25) == 0 && !lines.isEmpty()) {
                // One line with the other convention: mixed line endings.
                int at = r.nextInt(lines.size());
                lines.set(at, lines.get(at) + (eol.equals("\n") ? "\r" : ""));
            }
            return new Doc(lines, eol, finalNewline, bom);
        }

        /** Replaces, inserts or deletes one token of a line. */
        String wordEdit(String line) {
            List<String> parts = splitTokens(line);
            List<Integer> tokens = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).isBlank()) {
                    tokens.add(i);
                }
            }
            int k = r.nextInt(3);
            if (tokens.isEmpty() || k == 0) {
                int at = r.nextInt(parts.size() + 1);
                parts.add(at, token());
                if (r.nextBoolean()) {
                    parts.add(at, " ");
                }
            } else if (k == 1) {
                parts.set(tokens.get(r.nextInt(tokens.size())), token());
            } else {
                parts.remove((int) tokens.get(r.nextInt(tokens.size())));
            }
            return String.join("", parts);
        }

        static List<String> splitTokens(String line) {
            List<String> parts = new ArrayList<>();
            int i = 0;
            while (i < line.length()) {
                int start = i;
                int cp = line.codePointAt(i);
                if (isWordChar(cp)) {
                    while (i < line.length() && isWordChar(line.codePointAt(i))) {
                        i += Character.charCount(line.codePointAt(i));
                    }
                } else if (cp == ' ' || cp == '\t') {
                    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                        i++;
                    }
                } else {
                    i += Character.charCount(cp);
                }
                parts.add(line.substring(start, i));
            }
            return parts;
        }

        /**
         * A base whose non-blank lines are unique and whose blank lines are never next to each other, so
         * that each side's diff is unambiguous, and edits by ours and theirs on separated line sets. New
         * and edited lines are non-blank and differ from every base line.
         */
        Disjoint disjoint() {
            int n = 3 + r.nextInt(22);
            List<String> base = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            while (base.size() < n) {
                String l = line();
                boolean blank = l.isEmpty();
                if (blank ? !base.isEmpty() && base.get(base.size() - 1).isEmpty() : !seen.add(l)) {
                    continue;
                }
                base.add(l);
            }
            boolean finalNewline = r.nextInt(5) != 0;
            if (!finalNewline && base.get(n - 1).isEmpty()) {
                String l = freshLine(seen);
                seen.add(l);
                base.set(n - 1, l);
            }
            // 0 untouched, 1 ours, 2 theirs; a line owned by one side never touches one owned by the other.
            int[] owner = new int[n];
            int oursWeight = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                int k = r.nextInt(10);
                owner[i] = k < 4 ? 0 : k < 4 + oursWeight ? 1 : 2;
                if (i > 0 && owner[i] != 0 && owner[i - 1] != 0 && owner[i] != owner[i - 1]) {
                    owner[i] = 0;
                }
            }
            Map<Integer, List<String>> oursEdits = new HashMap<>();
            Map<Integer, List<String>> theirsEdits = new HashMap<>();
            for (int i = 0; i < n; i++) {
                if (owner[i] != 0) {
                    boolean lastWithoutNewline = i == n - 1 && !finalNewline;
                    (owner[i] == 1 ? oursEdits : theirsEdits).put(i, lineEdit(base.get(i), seen, lastWithoutNewline));
                }
            }
            String eol = r.nextInt(4) == 0 ? "\r\n" : "\n";
            boolean bom = r.nextInt(15) == 0;
            Doc b = new Doc(base, eol, finalNewline, bom);
            Map<Integer, List<String>> both = new HashMap<>(oursEdits);
            both.putAll(theirsEdits);
            return new Disjoint(b, b.with(apply(base, oursEdits)), b.with(apply(base, theirsEdits)),
                    b.with(apply(base, both)));
        }

        private static List<String> apply(List<String> base, Map<Integer, List<String>> edits) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < base.size(); i++) {
                out.addAll(edits.getOrDefault(i, List.of(base.get(i))));
            }
            return out;
        }

        /** What one base line becomes: itself with lines around it, a replacement, a token edit or nothing. */
        private List<String> lineEdit(String line, Set<String> baseLines, boolean lastWithoutNewline) {
            List<String> out = new ArrayList<>();
            int k = r.nextInt(6);
            if (k == 0 && !lastWithoutNewline) {
                return out; // deleted
            }
            if (k == 1) {
                int m = 1 + r.nextInt(2);
                for (int j = 0; j < m; j++) {
                    out.add(freshLine(baseLines));
                }
                return out;
            }
            if (k == 2) {
                String edited = wordEdit(line);
                out.add(edited.isBlank() || baseLines.contains(edited) ? freshLine(baseLines) : edited);
                return out;
            }
            // Insertions before and/or after the (kept) line.
            boolean before = k == 3 || k == 5;
            boolean after = k == 4 || k == 5 || k == 0;
            if (before) {
                out.add(freshLine(baseLines));
            }
            out.add(line);
            if (after) {
                out.add(freshLine(baseLines));
            }
            return out;
        }

        private String freshLine(Set<String> baseLines) {
            String l;
            do {
                l = nonBlankLine();
            } while (baseLines.contains(l));
            return l;
        }
    }
}
