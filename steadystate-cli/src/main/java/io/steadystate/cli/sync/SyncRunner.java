package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.SyncResult;
import io.steadystate.sync.Worktree;
import io.steadystate.sync.WorktreeSync;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Finds the worktree, proves who runs the sync, and runs it with progress on stderr; shared by sync and publish. */
final class SyncRunner {

    private SyncRunner() {
    }

    static SyncResult run(Path directory, Map<String, String> env, boolean quiet, boolean verbose, PrintWriter err) {
        Worktree worktree;
        try {
            worktree = Worktree.locate(directory != null ? directory : Path.of(""));
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
        var author = SyncIdentity.resolve(worktree, env);
        boolean progress = verbose || !quiet && System.console() != null;
        long start = System.nanoTime();
        try {
            return new WorktreeSync(worktree).sync(author, message -> {
                if (progress) {
                    err.println("steadystate: " + (verbose ? "[" + (System.nanoTime() - start) / 1_000_000 + " ms] " : "")
                            + message + "...");
                    err.flush();
                }
            });
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
    }
}
