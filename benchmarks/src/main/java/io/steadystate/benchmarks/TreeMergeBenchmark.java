package io.steadystate.benchmarks;

import io.steadystate.merge.tree.EntryKind;
import io.steadystate.merge.tree.TreeEntry;
import io.steadystate.merge.tree.TreeMergeResult;
import io.steadystate.merge.tree.TreeMerger;
import io.steadystate.merge.tree.TreeSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * The whole corpus as one tree merge: every scenario is a file of three in-memory trees (base,
 * local = theirs, canonical = ours), plus as many files that only one side changed and as many that
 * no side changed, so the tree walk's own cost shows next to the text merges.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class TreeMergeBenchmark {

    private TreeSnapshot base;
    private TreeSnapshot local;
    private TreeSnapshot canonical;
    private long inputBytes;
    private final TreeMerger merger = new TreeMerger();

    @Setup(Level.Trial)
    public void buildTrees() {
        List<TreeEntry> b = new ArrayList<>();
        List<TreeEntry> l = new ArrayList<>();
        List<TreeEntry> c = new ArrayList<>();
        for (Corpus.Scenario s : Corpus.load()) {
            String dir = "scenario-" + s.id().replace('/', '-') + "/";
            b.add(TreeEntry.of(dir + "both", EntryKind.FILE, s.base()));
            c.add(TreeEntry.of(dir + "both", EntryKind.FILE, s.ours()));
            l.add(TreeEntry.of(dir + "both", EntryKind.FILE, s.theirs()));
            b.add(TreeEntry.of(dir + "one-side", EntryKind.FILE, s.base()));
            c.add(TreeEntry.of(dir + "one-side", EntryKind.FILE, s.base()));
            l.add(TreeEntry.of(dir + "one-side", EntryKind.FILE, s.theirs()));
            for (List<TreeEntry> tree : List.of(b, l, c)) {
                tree.add(TreeEntry.of(dir + "unchanged", EntryKind.FILE, s.base()));
            }
            inputBytes += s.inputBytes();
        }
        base = TreeSnapshot.of(b);
        local = TreeSnapshot.of(l);
        canonical = TreeSnapshot.of(c);
        System.out.printf("trees of %d files each, %d bytes of text merged per operation%n", base.size(), inputBytes);
    }

    @Benchmark
    public TreeMergeResult steadyState(InputSize size) throws IOException {
        size.inputBytes += inputBytes;
        return merger.merge(base, local, canonical);
    }
}
