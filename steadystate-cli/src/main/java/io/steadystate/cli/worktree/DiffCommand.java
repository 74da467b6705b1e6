package io.steadystate.cli.worktree;

import io.steadystate.cli.Main;
import io.steadystate.merge.tree.TreeEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code steadystate diff [PATH...]}: the worktree's changes since its last sync as a unified diff in
 * git's format, the same comparison as {@code status}.
 */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show the worktree's changes since its last sync as a unified diff in git's format "
                    + "(as 'git diff <last synced commit>', new files included), sorted by path.",
            "PATHs (files or folders, relative to the current folder) limit the diff to what lies beneath them.",
            "On a terminal the diff is coloured and shown through $PAGER (default: less -FRX; PAGER is split on "
                    + "spaces, PAGER=cat turns paging off); NO_COLOR turns colour off."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the diff was printed (it may be empty)",
            "129:wrong usage, or a PATH outside the worktree",
            "255:not inside a session worktree, or a file, its state or the repository cannot be read"})
public final class DiffCommand implements Callable<Integer> {

    @Mixin
    WorktreeOptions where;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or folders to limit the diff to.")
    List<String> paths = new ArrayList<>();

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (OpenWorktree wt = OpenWorktree.open(where.cwd())) {
            List<String> prefixes = new ArrayList<>();
            for (String p : paths) {
                prefixes.add(wt.argument(spec.commandLine(), p));
            }
            NavigableMap<String, TreeEntry> base = wt.base();
            List<Change> changes = new ArrayList<>();
            for (Change c : wt.changes(base)) {
                if (prefixes.isEmpty() || prefixes.stream().anyMatch(p -> OpenWorktree.within(c.path(), p))) {
                    changes.add(c);
                }
            }
            boolean terminal = Terminal.stdoutIsTerminal();
            try (Pager pager = Pager.open(main.environment(), terminal, System.out);
                    GitDiffWriter diff = new GitDiffWriter(pager.stream(), wt.repo(),
                            Terminal.colour(main.environment(), terminal))) {
                for (Change c : changes) {
                    diff.write(c);
                }
            }
            return 0;
        }
    }
}
