package io.steadystate.cli.merge;

import io.steadystate.cli.Main;
import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Many merges in one process: one line of the batch file per scenario, one line of output per
 * scenario in the same order, then a summary. A failing scenario is reported and the others go on.
 */
final class BatchMerge {

    private final MergeOptions options;
    private final PrintWriter out;
    private final PrintWriter err;

    BatchMerge(MergeOptions options, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run(Path batchFile) {
        List<String> lines;
        try {
            lines = InputFiles.readLines(batchFile);
        } catch (InputFiles.MergeInputException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_ERROR;
        }
        // Scenarios are independent: merge them in parallel, report them in input order.
        Outcome[] outcomes = IntStream.range(0, lines.size())
                .parallel()
                .mapToObj(i -> mergeLine(i + 1, lines.get(i)))
                .toArray(Outcome[]::new);
        int clean = 0;
        int conflicted = 0;
        int errors = 0;
        for (Outcome o : outcomes) {
            if (o == null) {
                continue;
            }
            out.println(o.line());
            switch (o.kind()) {
                case CLEAN -> clean++;
                case CONFLICTED -> conflicted++;
                case ERROR -> errors++;
            }
        }
        out.println("summary\tscenarios=" + (clean + conflicted + errors) + "\tclean=" + clean
                + "\tconflicted=" + conflicted + "\terrors=" + errors);
        out.flush();
        return 0;
    }

    private Outcome mergeLine(int number, String line) {
        if (line.isBlank()) {
            return null;
        }
        String[] f = line.split("\t", -1);
        String name = f.length == 4 || f.length == 5 ? f[3] : "line " + number;
        if (f.length < 4 || f.length > 5 || f[3].isEmpty()) {
            return Outcome.error(name, "expected CURRENT<TAB>BASE<TAB>OTHER<TAB>OUTPUT[<TAB>PATH] on line " + number);
        }
        // The repository path, when given, chooses the language; else CURRENT's name does.
        String path = f.length == 5 && !f[4].isEmpty() ? f[4] : f[0];
        try {
            byte[] current = InputFiles.read(Path.of(f[0]));
            byte[] base = InputFiles.read(Path.of(f[1]));
            byte[] other = InputFiles.read(Path.of(f[2]));
            TextMerger merger = new TextMerger(options.withLabels(f[0], f[1], f[2]));
            TextMergeResult result = merger.merge(path, base, current, other);
            if (!(result instanceof TextMergeResult.Merged merged)) {
                return Outcome.error(name, "cannot merge binary files: " + f[0]);
            }
            AtomicWrite.write(Path.of(f[3]), merged.content());
            return merged.conflictCount() == 0
                    ? new Outcome(Kind.CLEAN, name + "\tclean")
                    : new Outcome(Kind.CONFLICTED, name + "\tconflicts=" + merged.conflictCount());
        } catch (InputFiles.MergeInputException e) {
            return Outcome.error(name, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Outcome.error(name, "cannot write " + f[3] + ": " + e.getMessage());
        }
    }

    private enum Kind { CLEAN, CONFLICTED, ERROR }

    private record Outcome(Kind kind, String line) {
        static Outcome error(String name, String message) {
            return new Outcome(Kind.ERROR, name + "\terror\t" + message.replace('\t', ' ').replace('\n', ' '));
        }
    }

}
