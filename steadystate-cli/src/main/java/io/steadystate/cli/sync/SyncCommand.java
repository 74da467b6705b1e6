package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import io.steadystate.cli.worktree.WorktreeOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steadystate sync}: merges this worktree with the session's canonical repository. */
@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Merge your worktree with the session's canonical repository: your changes since the last sync go"
                    + " into one commit on the session branch, authored by you; everyone else's come into your"
                    + " worktree. Only files the merge changed are written, and a file you save while sync runs is"
                    + " left alone.",
            "A change that cannot be merged keeps canonical's version in canonical and yours in your worktree,"
                    + " with conflict markers for text; your own version is also kept under .steadystate/conflicts/."
                    + " Resolve the markers and sync again: a file that still has them is not pushed.",
            "Runs from any folder of your worktree; .gitignore and editor/OS files are never synced."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:synced, or already up to date",
            "1:some files have conflicts (listed); everything else was synced",
            "1:(also) not your worktree, or this shell was not opened by the session's SSH server",
            "2:the session does not answer (is it still running?)",
            "129:wrong usage",
            "255:sync could not run; nothing was changed"})
public final class SyncCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Print each step with the time it started, on stderr.")
    boolean verbose;

    @CommandLine.Mixin
    WorktreeOptions where;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SyncRunner.Outcome outcome = SyncRunner.run(where.cwd(), main.environment(), json, verbose, err);
        out.print(outcome.output());
        out.flush();
        return outcome.exit();
    }
}
