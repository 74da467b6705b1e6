package io.steadystate.benchmarks;

import java.util.List;
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
 * Merges every scenario of the merge corpus, once per operation: SteadyState's {@code TextMerger}
 * against JGit's {@code MergeAlgorithm} (histogram diff, formatted with {@code MergeFormatter}).
 * The corpus is read from {@code -Dsteadystate.corpus=DIR} (see {@link Corpus}).
 *
 * <p>Primary score: whole-corpus merges per second. Secondary {@code inputBytes}: input bytes merged
 * per second (see {@link InputSize}); the input bytes of one operation are also printed at set-up.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class TextMergeBenchmark {

    private List<Corpus.Scenario> scenarios;
    private long inputBytes;

    @Setup(Level.Trial)
    public void loadCorpus() {
        scenarios = Corpus.load();
        inputBytes = scenarios.stream().mapToLong(Corpus.Scenario::inputBytes).sum();
        System.out.printf("corpus %s: %d scenarios, %d input bytes per operation%n",
                Corpus.location(), scenarios.size(), inputBytes);
    }

    /** SteadyState's option set, only for the SteadyState benchmark. */
    @State(Scope.Benchmark)
    public static class SteadyState {
        @Param({"CLI", "LINES", "DEFAULT"})
        public Engines.Config config;

        io.steadystate.merge.TextMerger merger;

        @Setup(Level.Trial)
        public void create() {
            merger = config.merger();
        }
    }

    /** JGit's merge with the histogram diff. */
    @State(Scope.Benchmark)
    public static class JGit {
        MergeAlgorithm algorithm;

        @Setup(Level.Trial)
        public void create() {
            algorithm = Engines.newJGitAlgorithm();
        }
    }

    @Benchmark
    public void steadyState(SteadyState engine, InputSize size, Blackhole bh) {
        for (Corpus.Scenario s : scenarios) {
            Engines.Output out = Engines.steadyState(engine.merger, s.base(), s.ours(), s.theirs());
            bh.consume(out.content());
            bh.consume(out.conflicts());
        }
        size.inputBytes += inputBytes;
    }

    @Benchmark
    public void jgit(JGit engine, InputSize size, Blackhole bh) {
        for (Corpus.Scenario s : scenarios) {
            Engines.Output out = Engines.jgit(engine.algorithm, s.base(), s.ours(), s.theirs());
            bh.consume(out.content());
            bh.consume(out.conflicts());
        }
        size.inputBytes += inputBytes;
    }
}
