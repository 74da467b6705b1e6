package io.steadystate.benchmarks;

import io.steadystate.merge.TextMerger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time per file of the merge corpus in one warm JVM, with and without the structured pass: the median
 * (and 90th percentile and maximum) over files of each file's median merge time. Not a JMH benchmark:
 * a distribution over 244 files is what is asked, and JMH reports one score per benchmark.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.steadystate.benchmarks.PerFileTimes [ROUNDS]</pre>
 */
public final class PerFileTimes {

    private PerFileTimes() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<Corpus.Scenario> corpus = Corpus.load();
        TextMerger text = new TextMerger(Engines.Config.CLI.merger().options().withStructured(false));
        TextMerger structured = Engines.Config.CLI.merger();
        // The corpus names its files base, ours and theirs, as merge-file sees them from a driver:
        // the language is recognised from the content.
        for (int warm = 0; warm < 5; warm++) {
            for (Corpus.Scenario s : corpus) {
                text.merge("ours", s.base(), s.ours(), s.theirs());
                structured.merge("ours", s.base(), s.ours(), s.theirs());
            }
        }
        long[][] times = new long[2][corpus.size()];
        for (int i = 0; i < corpus.size(); i++) {
            Corpus.Scenario s = corpus.get(i);
            long[][] runs = new long[2][rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                text.merge("ours", s.base(), s.ours(), s.theirs());
                long t1 = System.nanoTime();
                structured.merge("ours", s.base(), s.ours(), s.theirs());
                long t2 = System.nanoTime();
                runs[0][r] = t1 - t0;
                runs[1][r] = t2 - t1;
            }
            times[0][i] = median(runs[0]);
            times[1][i] = median(runs[1]);
        }
        System.out.printf("%d files, median of %d runs each, in one warm JVM%n", corpus.size(), rounds);
        System.out.printf("%-28s %10s %10s %10s %10s%n", "", "median ms", "p90 ms", "max ms", "total ms");
        String[] names = {"text merge (--no-structure)", "with the structured pass"};
        for (int k = 0; k < 2; k++) {
            long[] t = times[k].clone();
            Arrays.sort(t);
            System.out.printf("%-28s %10.3f %10.3f %10.3f %10.1f%n", names[k], t[t.length / 2] / 1e6,
                    t[(int) (t.length * 0.9)] / 1e6, t[t.length - 1] / 1e6, Arrays.stream(t).sum() / 1e6);
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            ratios.add((double) times[1][i] / Math.max(1, times[0][i]));
        }
        ratios.sort(null);
        System.out.printf("per-file ratio structured / text: median %.2f, max %.1f%n", ratios.get(ratios.size() / 2),
                ratios.getLast());
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
