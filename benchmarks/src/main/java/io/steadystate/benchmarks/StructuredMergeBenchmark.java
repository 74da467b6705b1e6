package io.steadystate.benchmarks;

import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The structured pass on a generated Java file of about 5,000 lines with 50 conflicting regions (see
 * {@link LargeJavaFile}): {@code structured} is {@code merge-file}'s merge with the pass (every region
 * settled), {@code linesOnly} the same merge with {@code --no-structure} (50 conflicts), so the
 * difference is the cost of parsing three versions and merging the regions by structure.
 *
 * <p>Score: milliseconds per merge.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class StructuredMergeBenchmark {

    private static final String PATH = "src/main/java/io/example/generated/Generated.java";

    private LargeJavaFile file;
    private TextMerger structured;
    private TextMerger linesOnly;

    @Setup(Level.Trial)
    public void generate() {
        file = LargeJavaFile.standard();
        structured = Engines.Config.CLI.merger();
        linesOnly = new TextMerger(Engines.Config.CLI.merger().options().withStructured(false));
        TextMergeResult.Merged s = (TextMergeResult.Merged) merge(structured);
        TextMergeResult.Merged l = (TextMergeResult.Merged) merge(linesOnly);
        System.out.printf("java file: %d lines in base, %d in ours; structured: %d conflicts, %s; lines only: %d conflicts%n",
                new String(file.base()).lines().count(), new String(file.ours()).lines().count(), s.conflictCount(),
                Arrays.equals(s.content(), file.expected()) ? "as expected" : "NOT the expected result",
                l.conflictCount());
    }

    private TextMergeResult merge(TextMerger merger) {
        return merger.merge(PATH, file.base(), file.ours(), file.theirs());
    }

    @Benchmark
    public TextMergeResult structured() {
        return merge(structured);
    }

    @Benchmark
    public TextMergeResult linesOnly() {
        return merge(linesOnly);
    }
}
