package io.steadystate.cli.sync;

import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import io.steadystate.cli.auth.Json;
import io.steadystate.cli.session.ControlClient;
import io.steadystate.sync.SyncException;
import io.steadystate.sync.Worktree;
import io.steadystate.sync.WorktreeSync;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a sync for the sync and publish commands. In a session it goes to the session's sync service
 * (a warm process, so a sync costs the merge, not a JVM start); when none answers, it asks the session
 * to start one for next time and syncs in this process. Either way the author is the login the
 * session's SSH server proved.
 */
final class SyncRunner {

    private SyncRunner() {
    }

    /** A finished sync: the exit code (1 with conflicts) and the report, as text or as JSON. */
    record Outcome(int exit, String output) {
    }

    static Outcome run(Path dir, Map<String, String> env, boolean json, boolean verbose, PrintWriter err) {
        boolean quiet = json;
        Worktree worktree;
        try {
            worktree = Worktree.locate(dir);
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
        boolean progress = verbose || !quiet && System.console() != null;
        long start = System.nanoTime();
        Consumer<String> listener = message -> {
            if (progress) {
                err.println("steadystate: " + (verbose ? "[" + (System.nanoTime() - start) / 1_000_000 + " ms] " : "")
                        + message + "...");
                err.flush();
            }
        };
        String token = env.get(ControlClient.TOKEN_VARIABLE);
        try {
            SyncReport report;
            if (token != null && !token.isBlank() && worktree.sessionDir().isPresent()) {
                report = SyncReport.of(inSession(worktree, env, dir, token.strip(), listener));
            } else {
                var author = SyncIdentity.resolve(worktree, env);
                report = SyncReport.of(new WorktreeSync(worktree).sync(author, listener::accept));
            }
            return new Outcome(report.hasConflicts() ? 1 : 0,
                    json ? Json.mapper().writeValueAsString(report) + "\n" : report.text());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot write the report: " + e.getMessage());
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
    }

    /**
     * In a session, canonical is read-only here: the member's sync service (started through the control
     * socket, which knows who this is) does the commit half, and this process writes the worktree. The
     * worktree's lock keeps the two halves of two syncs of one worktree from interleaving.
     */
    private static io.steadystate.sync.SyncResult inSession(Worktree worktree, Map<String, String> env, Path dir,
            String token, Consumer<String> listener) throws SyncException {
        WorktreeSync sync = new WorktreeSync(worktree);
        try (var lock = sync.lockWorktree("sync", listener::accept)) {
            var started = ControlClient.fromEnvironment(env, dir).request("sync-service", Duration.ofSeconds(20));
            if (!started.ok() || started.socket() == null) {
                int exit = "unauthorized".equals(started.error()) || "rejected".equals(started.error())
                        ? Main.EXIT_AUTH : Main.EXIT_UNREACHABLE;
                throw new CliException(exit, started.message() == null ? "the session did not start its sync service"
                        : started.message());
            }
            var commit = SyncServiceClient.commit(Path.of(started.socket()), token, dir, listener);
            return sync.apply(commit, listener::accept);
        }
    }

}
