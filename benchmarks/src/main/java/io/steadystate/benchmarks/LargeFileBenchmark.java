package io.steadystate.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One large merge per operation: a generated ~1 MiB Java-like file with 1,000 scattered single-line
 * edits on each side (see {@link LargeFile}), merged by SteadyState's {@code TextMerger} and by JGit's
 * {@code MergeAlgorithm}. Both should merge it cleanly; set-up warns when one does not.
 *
 * <p>Primary score: merges per second. Secondary {@code inputBytes}: input bytes merged per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class LargeFileBenchmark {

    private LargeFile file;

    @Setup(Level.Trial)
    public void generate() {
        file = LargeFile.standard();
        System.out.printf("large file: %d base bytes, %d input bytes per operation%n",
                file.base().length, file.inputBytes());
    }

    /** SteadyState's option set, only for the SteadyState benchmark. */
    @State(Scope.Benchmark)
    public static class SteadyState {
        @Param({"CLI", "LINES", "DEFAULT"})
        public Engines.Config config;

        io.steadystate.merge.TextMerger merger;

        @Setup(Level.Trial)
        public void create(LargeFileBenchmark b) {
            merger = config.merger();
            check("steadystate " + config, Engines.steadyState(merger, b.file.base(), b.file.ours(), b.file.theirs()),
                    b.file);
        }
    }

    /** JGit's merge with the histogram diff. */
    @State(Scope.Benchmark)
    public static class JGit {
        MergeAlgorithm algorithm;

        @Setup(Level.Trial)
        public void create(LargeFileBenchmark b) {
            algorithm = Engines.newJGitAlgorithm();
            check("jgit", Engines.jgit(algorithm, b.file.base(), b.file.ours(), b.file.theirs()), b.file);
        }
    }

    static void check(String engine, Engines.Output out, LargeFile file) {
        if (out.conflicts() != 0 || !Arrays.equals(out.content(), file.expected())) {
            System.out.printf("warning: %s did not merge the large file to the expected result (%d conflicts)%n",
                    engine, out.conflicts());
        }
    }

    @Benchmark
    public void steadyState(SteadyState engine, InputSize size, Blackhole bh) {
        Engines.Output out = Engines.steadyState(engine.merger, file.base(), file.ours(), file.theirs());
        bh.consume(out.content());
        bh.consume(out.conflicts());
        size.inputBytes += file.inputBytes();
    }

    @Benchmark
    public void jgit(JGit engine, InputSize size, Blackhole bh) {
        Engines.Output out = Engines.jgit(engine.algorithm, file.base(), file.ours(), file.theirs());
        bh.consume(out.content());
        bh.consume(out.conflicts());
        size.inputBytes += file.inputBytes();
    }
}
