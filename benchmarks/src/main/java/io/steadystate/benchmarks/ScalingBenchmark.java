package io.steadystate.benchmarks;

import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import java.util.concurrent.TimeUnit;
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

/**
 * How time and memory grow with input size: files of 1, 4 and 16 MiB with 1,000 scattered edits per
 * side per MiB. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} (bytes allocated per merge)
 * should grow in proportion to {@code mib}, as should the time per merge.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ScalingBenchmark {

    @Param({"1", "4", "16"})
    public int mib;

    private LargeFile file;
    private final TextMerger merger = new TextMerger();

    @Setup(Level.Trial)
    public void generate() {
        file = LargeFile.generate(LargeFile.SEED, mib << 20, LargeFile.EDITS_PER_SIDE * mib);
    }

    @Benchmark
    public TextMergeResult steadyState() {
        return merger.merge(file.base(), file.ours(), file.theirs());
    }
}
