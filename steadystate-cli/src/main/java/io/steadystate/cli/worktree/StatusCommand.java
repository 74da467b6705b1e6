package io.steadystate.cli.worktree;

import io.steadystate.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code steadystate status}: what a sync of this worktree would push, what it would pull, and the
 * conflicts still to resolve.
 *
 * <p>{@code --json} prints one object on one line, with exactly these fields:
 * <ul>
 *   <li>{@code root}: the worktree's top folder (absolute)</li>
 *   <li>{@code session_id}, {@code branch}, {@code user}: from the worktree's state file
 *       ({@code session_id} and {@code user} may be null)</li>
 *   <li>{@code last_synced_commit}: the commit of the last sync, full id</li>
 *   <li>{@code session_head}: the session branch's head in canonical, or null when the branch is missing</li>
 *   <li>{@code commits_ahead}: commits on the session branch since the last sync</li>
 *   <li>{@code sync_would_pull}: whether a sync would bring changes into the worktree</li>
 *   <li>{@code incoming}: the paths it would bring in</li>
 *   <li>{@code sync_interrupted}: whether a sync stopped while it updated the worktree</li>
 *   <li>{@code clean}: no changes and no unresolved conflicts</li>
 *   <li>{@code changes}: objects {@code {"path", "status", "old_kind", "new_kind"}}; {@code status} is
 *       {@code added}, {@code modified}, {@code deleted}, {@code mode-changed} (only the executable bit)
 *       or {@code type-changed} (file, symlink or submodule became another of these); the kinds are
 *       {@code file}, {@code executable}, {@code symlink}, {@code gitlink} or null (absent)</li>
 *   <li>{@code conflicts}: paths the last sync left in conflict that still hold conflict markers (they
 *       are not in {@code changes})</li>
 * </ul>
 * Paths in the JSON are from the worktree's root, {@code /}-separated, in git's order (by UTF-8 bytes).
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Show the worktree's changes since its last sync (added, modified, deleted, mode or type changed), "
                    + "the conflicts still to resolve, and how far the session branch has moved since.",
            "Compares the files on disk (as sync sees them: .gitignore applies, but tracked files stay tracked) "
                    + "with the last synced commit. Paths are shown relative to the current folder.",
            "--json fields: root, session_id, branch, user, last_synced_commit, session_head, commits_ahead, "
                    + "sync_would_pull, incoming [paths], sync_interrupted, clean, "
                    + "changes [{path, status (added|modified|deleted|mode-changed|type-changed), old_kind, new_kind "
                    + "(file|executable|symlink|gitlink|null)}], conflicts [paths]; paths from the worktree's root.",
            "Colour only on a terminal, never when NO_COLOR is set."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the status was printed",
            "129:wrong usage",
            "255:not inside a session worktree, or its state or repository cannot be read"})
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    WorktreeOptions where;

    @Option(names = "--json", description = "Print one JSON object on one line (fields above).")
    boolean json;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (OpenWorktree wt = OpenWorktree.open(where.cwd())) {
            Status status = Status.of(wt);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(StatusJson.format(status, wt.worktree().root()));
            } else {
                boolean colour = Terminal.colour(main.environment(), Terminal.stdoutIsTerminal());
                out.print(StatusText.format(status, wt::display, colour));
            }
            out.flush();
            return 0;
        }
    }
}
