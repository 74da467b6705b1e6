package io.steadystate.merge.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import io.steadystate.merge.ConflictStyle;
import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.MergePolicy;
import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import io.steadystate.merge.internal.java.JavaStructuredMerger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the structured pass on seeded random Java files (see {@link JavaFiles}). A failure
 * names its seed; the three inputs are printed so that the case can be replayed.
 */
class StructuredMergePropertiesTest {

    private static final int SEEDS = 200;
    /** Diff3 style never joins neighbouring conflicts, so each conflict block is one region. */
    private static final MergeOptions OPTIONS =
            new MergeOptions(MergePolicy.CONFLICT, ConflictStyle.DIFF3, "ours", "base", "theirs", true, false);
    private static final String PATH = "src/C.java";

    static IntStream seeds() {
        return IntStream.range(0, SEEDS);
    }

    private record Inputs(String base, String ours, String theirs) {
        static Inputs of(int seed) {
            JavaFiles gen = new JavaFiles(seed, "");
            JavaFiles.Model base = gen.base();
            Random r = new Random(seed * 31L + 7);
            JavaFiles.Model ours = new JavaFiles(seed, "O").edit(base, r);
            JavaFiles.Model theirs = new JavaFiles(seed, "T").edit(base, r);
            return new Inputs(base.render(), ours.render(), theirs.render());
        }

        @Override
        public String toString() {
            return "\n--- base\n" + base + "--- ours\n" + ours + "--- theirs\n" + theirs;
        }
    }

    private static TextMergeResult.Merged merge(StructuredMerger merger, String base, String ours, String theirs) {
        return (TextMergeResult.Merged) new TextMerger(OPTIONS, StructuredMergers.of(List.of(merger)))
                .merge(PATH, bytes(base), bytes(ours), bytes(theirs));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void neverChangesAByteOutsideTheRegionsItResolves(int seed) {
        Inputs in = Inputs.of(seed);
        TextMergeResult.Merged structured = merge(new JavaStructuredMerger(), in.base, in.ours, in.theirs);
        // The same merge with every resolution withheld: the structure's conflicts stay, its answers do not.
        TextMergeResult.Merged withheld = merge(new Withholding(), in.base, in.ours, in.theirs);
        List<String> s = lines(structured.content());
        List<String> l = lines(withheld.content());
        int sp = 0;
        int lp = 0;
        for (TextMergeResult.Resolution r : structured.resolutions()) {
            if (!r.rule().startsWith("structure:")) {
                continue;
            }
            int from = r.line() - 1;
            int common = from - sp;
            assertThat(s.subList(sp, from)).as("before a resolved region, seed %d%s", seed, in)
                    .isEqualTo(l.subList(lp, lp + common));
            lp += common;
            assertThat(l.get(lp)).as("a resolved region stands where the line merge had a conflict, seed %d%s", seed, in)
                    .startsWith("<<<<<<<");
            while (!l.get(lp).startsWith(">>>>>>>")) {
                lp++;
            }
            lp++;
            sp = from + r.lines();
        }
        assertThat(s.subList(sp, s.size())).as("after the last resolved region, seed %d%s", seed, in)
                .isEqualTo(l.subList(lp, l.size()));
        assertThat(structured.conflictCount()).isLessThanOrEqualTo(withheld.conflictCount());
    }

    /** Keeps the properties from holding vacuously: the generated edits must give the pass work. */
    @org.junit.jupiter.api.Test
    void theGeneratedMergesExerciseThePass() {
        int resolved = 0;
        int conflicts = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Inputs in = Inputs.of(seed);
            TextMergeResult.Merged m = merge(new JavaStructuredMerger(), in.base, in.ours, in.theirs);
            if (m.resolutions().stream().anyMatch(r -> r.rule().startsWith("structure:"))) {
                resolved++;
            }
            if (!m.isClean()) {
                conflicts++;
            }
        }
        assertThat(resolved).as("merges with a region the structure resolved").isGreaterThan(SEEDS / 5);
        assertThat(conflicts).as("merges left in conflict").isGreaterThan(0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergingIsDeterministic(int seed) {
        Inputs in = Inputs.of(seed);
        TextMergeResult.Merged first = merge(new JavaStructuredMerger(), in.base, in.ours, in.theirs);
        TextMergeResult.Merged again = merge(new JavaStructuredMerger(), in.base, in.ours, in.theirs);
        assertThat(again.content()).as("seed %d%s", seed, in).isEqualTo(first.content());
        assertThat(again.resolutions()).isEqualTo(first.resolutions());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void swappingSidesGivesTheSameMembersAndImports(int seed) {
        Inputs in = Inputs.of(seed);
        TextMergeResult.Merged one = merge(new JavaStructuredMerger(), in.base, in.ours, in.theirs);
        TextMergeResult.Merged other = merge(new JavaStructuredMerger(), in.base, in.theirs, in.ours);
        if (!one.isClean() || !other.isClean()) {
            return;
        }
        CompilationUnit a = parse(one.content());
        CompilationUnit b = parse(other.content());
        assertThat(members(b)).as("seed %d%s", seed, in).isEqualTo(members(a));
        assertThat(imports(b)).as("seed %d%s", seed, in).isEqualTo(imports(a));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void membersNeitherSideChangedAreKeptAsTheyWere(int seed) {
        Inputs in = Inputs.of(seed);
        TextMergeResult.Merged merged = merge(new JavaStructuredMerger(), in.base, in.ours, in.theirs);
        String out = new String(merged.content(), StandardCharsets.UTF_8);
        for (String member : blocks(in.base)) {
            if (blocks(in.ours).contains(member) && blocks(in.theirs).contains(member)) {
                assertThat(out).as("seed %d%s", seed, in).contains(member);
            }
        }
    }

    /** Each method or field of a rendered file, with its doc comment. */
    private static Set<String> blocks(String file) {
        Set<String> out = new TreeSet<>();
        for (String part : file.split("\n\n")) {
            if (part.startsWith("    ")) {
                out.add(part.endsWith("}\n}\n") ? part.substring(0, part.length() - 2) : part);
            }
        }
        return out;
    }

    private static CompilationUnit parse(byte[] content) {
        return new JavaParser().parse(new String(content, StandardCharsets.UTF_8)).getResult().orElseThrow();
    }

    private static Set<String> members(CompilationUnit unit) {
        return unit.getType(0).getMembers().stream().map(BodyDeclaration::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> imports(CompilationUnit unit) {
        return unit.getImports().stream().map(ImportDeclaration::toString).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> lines(byte[] content) {
        return new ArrayList<>(List.of(new String(content, StandardCharsets.UTF_8).split("\n", -1)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The Java merger with its resolutions turned into refusals; its conflicts stand. */
    private static final class Withholding implements StructuredMerger {
        private final JavaStructuredMerger java = new JavaStructuredMerger();

        @Override
        public String name() {
            return "withheld java";
        }

        @Override
        public Set<String> extensions() {
            return Set.of("java");
        }

        @Override
        public FileMerge open(FileVersions versions) {
            FileMerge inner = java.open(versions);
            return region -> inner.resolve(region) instanceof RegionOutcome.Resolved
                    ? new RegionOutcome.Declined("withheld") : inner.resolve(region);
        }
    }
}
