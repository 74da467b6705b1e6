package io.steadystate.cli.merge;

import io.steadystate.cli.Main;
import io.steadystate.merge.ConflictStyle;
import io.steadystate.merge.MergeOptions;
import io.steadystate.merge.MergePolicy;
import io.steadystate.merge.TextMergeResult;
import io.steadystate.merge.TextMerger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code steadystate merge-file}: git merge-file's arguments, output and exit codes, with
 * SteadyState's merge engine, so that git can use it as a merge driver.
 */
@Command(
        name = "merge-file",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Three-way merge of CURRENT and OTHER, both descended from BASE, written to CURRENT (or stdout with -p).",
            "Same arguments, output and exit code as 'git merge-file'; usable as a git merge driver:",
            "  git config merge.steadystate.driver \"steadystate merge-file %%A %%O %%B\""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:clean merge (and every --batch run that got to its summary)",
            "1-127:number of conflicts (capped at 127)",
            "129:wrong usage",
            "255:error: unreadable input, binary files changed on both sides, output not written"
        })
public final class MergeFileCommand implements Callable<Integer> {

    @Option(names = {"-p", "--stdout"}, description = "Write the result to stdout instead of CURRENT.")
    boolean stdout;

    @Option(names = {"-q", "--quiet"}, description = "Do not warn about conflicts.")
    boolean quiet;

    @Option(names = "-L", paramLabel = "LABEL", description = "Labels for CURRENT, BASE and OTHER in conflict markers (up to three).")
    List<String> labels = new ArrayList<>();

    @ArgGroup(exclusive = true)
    Style style;

    static final class Style {
        @Option(names = "--diff3", description = "Show the base version inside conflict markers.")
        boolean diff3;

        @Option(names = "--zdiff3", description = "Like --diff3, with lines common to both sides moved out of the markers.")
        boolean zdiff3;
    }

    @ArgGroup(exclusive = true)
    Resolution resolution;

    static final class Resolution {
        @Option(names = "--ours", description = "Resolve conflicts with our (CURRENT) side.")
        boolean ours;

        @Option(names = "--theirs", description = "Resolve conflicts with their (OTHER) side.")
        boolean theirs;

        @Option(names = "--union", description = "Resolve conflicts by keeping both sides, ours first.")
        boolean union;
    }

    @Option(names = "--no-refine", description = "Merge by whole lines only, as git does (no word-level refinement).")
    boolean noRefine;

    @Option(names = "--keep-both-insertions",
            description = "Keep lines both sides inserted at the same point, ours first, instead of reporting a conflict.")
    boolean keepBothInsertions;

    @Option(names = "--no-structure",
            description = "Do not merge conflicting regions by the syntax of the file's language (Java); lines and words only.")
    boolean noStructure;

    @Option(names = "--explain",
            description = "Print to stderr, for each region both sides changed that was settled, which rule settled it.")
    boolean explain;

    @Option(names = "--path", paramLabel = "PATH",
            description = "The file's path in the repository (git's %%P), to choose the language; default: CURRENT's name.")
    String path;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "Merge many files in one run: each line of FILE is CURRENT<TAB>BASE<TAB>OTHER<TAB>OUTPUT[<TAB>PATH].")
    Path batch;

    @Parameters(arity = "0..3", paramLabel = "FILE", description = "CURRENT BASE OTHER")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (labels.size() > 3) {
            throw usage("at most three -L labels are allowed");
        }
        if (batch != null) {
            if (!files.isEmpty() || stdout || !labels.isEmpty() || path != null || explain) {
                throw usage("--batch takes no FILE arguments, -p, -L, --path or --explain");
            }
            return new BatchMerge(options("", "", ""), spec.commandLine().getOut(), spec.commandLine().getErr())
                    .run(batch);
        }
        if (files.size() != 3) {
            throw usage("expected CURRENT BASE OTHER, got " + files.size() + " file(s)");
        }
        return mergeOne();
    }

    private int mergeOne() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path current = files.get(0);
        Path base = files.get(1);
        Path other = files.get(2);
        MergeOptions options = options(label(0, current), label(1, base), label(2, other));
        byte[][] inputs = new byte[3][];
        try {
            for (int i = 0; i < 3; i++) {
                inputs[i] = InputFiles.read(files.get(i));
            }
        } catch (InputFiles.MergeInputException e) {
            err.println("error: " + e.getMessage());
            return Main.EXIT_ERROR;
        }
        String name = path != null ? path : current.toString();
        TextMergeResult result = new TextMerger(options).merge(name, inputs[1], inputs[0], inputs[2]);
        if (!(result instanceof TextMergeResult.Merged merged)) {
            err.println("error: cannot merge binary files: " + current);
            return Main.EXIT_ERROR;
        }
        if (stdout) {
            System.out.write(merged.content());
            System.out.flush();
            if (System.out.checkError()) {
                err.println("error: could not write the merge to stdout");
                return Main.EXIT_ERROR;
            }
        } else {
            AtomicWrite.write(current, merged.content());
        }
        if (explain) {
            Explanation.print(err, name, merged);
        }
        if (merged.conflictCount() > 0 && !quiet) {
            err.println("warning: " + merged.conflictCount() + " conflict(s) in " + current);
        }
        return Math.min(merged.conflictCount(), 127);
    }

    private String label(int index, Path file) {
        return index < labels.size() ? labels.get(index) : file.toString();
    }

    MergeOptions options(String ours, String base, String theirs) {
        MergePolicy policy = MergePolicy.CONFLICT;
        if (resolution != null) {
            policy = resolution.ours ? MergePolicy.OURS : resolution.theirs ? MergePolicy.THEIRS : MergePolicy.UNION;
        }
        ConflictStyle conflictStyle = ConflictStyle.MERGE;
        if (style != null) {
            conflictStyle = style.zdiff3 ? ConflictStyle.ZDIFF3 : ConflictStyle.DIFF3;
        }
        return new MergeOptions(policy, conflictStyle, ours, base, theirs, !noRefine, keepBothInsertions, !noStructure);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
