package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.sync.ConflictResolver;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import io.steadystate.cli.worktree.WorktreeOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code steadystate resolve}: settles a conflict that sync reported, by choosing a side. */
@Command(
        name = "resolve",
        mixinStandardHelpOptions = true,
        description = {
            "Settle conflicts that 'steadystate sync' reported. --mine puts your own side back in your worktree"
                    + " (as it was when the conflict was found; the next sync pushes it); --canonical puts what"
                    + " the session branch holds now in your worktree (the next sync pushes nothing of it).",
            "A text conflict is also settled by editing the file until no conflict markers are left. A binary,"
                    + " symlink or delete/modify conflict, where your worktree kept your version, is not pushed"
                    + " until you change the file or resolve it here."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:resolved",
            "129:wrong usage (no side chosen, a path outside the worktree)",
            "255:a path has no recorded conflict, or the worktree could not be changed; nothing was changed"})
public final class ResolveCommand implements Callable<Integer> {

    static final class Side {
        @Option(names = "--mine", required = true, description = "Keep your own side.")
        boolean mine;

        @Option(names = "--canonical", required = true, description = "Take what the session branch holds now.")
        boolean canonical;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Side side;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Conflicted files, relative to the current folder.")
    List<String> paths;

    @CommandLine.Mixin
    WorktreeOptions where;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path cwd = where.cwd();
        try {
            Worktree worktree = Worktree.locate(cwd);
            List<String> relative = new ArrayList<>();
            for (String p : paths) {
                Path abs = cwd.resolve(p).normalize();
                if (!abs.startsWith(worktree.root()) || abs.equals(worktree.root())) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "'" + p + "' is not a file of the worktree " + worktree.root());
                }
                relative.add(worktree.relativePath(abs));
            }
            ConflictResolver.Choice choice = side.mine ? ConflictResolver.Choice.MINE : ConflictResolver.Choice.CANONICAL;
            new ConflictResolver(worktree).resolve(relative, choice);
            for (String p : relative) {
                out.println("resolved " + p + (side.mine ? ": your side is back; the next sync pushes it"
                        : ": canonical's version is in your worktree"));
            }
            out.flush();
            return 0;
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
    }
}
