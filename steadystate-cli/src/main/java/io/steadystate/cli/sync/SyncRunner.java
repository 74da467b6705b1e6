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
import java.util.Optional;
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
        Optional<Path> sessionDir = worktree.sessionDir();
        if (token != null && !token.isBlank() && sessionDir.isPresent()) {
            Optional<SyncServiceClient.Served> served = SyncServiceClient.sync(
                    sessionDir.get().resolve(SyncServiceProtocol.SOCKET_FILE), token.strip(), dir, json, listener);
            if (served.isPresent()) {
                return new Outcome(served.get().exit(), served.get().output());
            }
            startService(env, dir, listener);
        }
        var author = SyncIdentity.resolve(worktree, env);
        try {
            SyncReport report = SyncReport.of(new WorktreeSync(worktree).sync(author, listener::accept));
            return new Outcome(report.hasConflicts() ? 1 : 0,
                    json ? Json.mapper().writeValueAsString(report) + "\n" : report.text());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CliException(Main.EXIT_ERROR, "cannot write the report: " + e.getMessage());
        } catch (SyncException e) {
            throw new CliException(Main.EXIT_ERROR, e.getMessage());
        }
    }

    /** Asks the session to start its sync service for the next sync; a session that cannot is no error. */
    private static void startService(Map<String, String> env, Path dir, Consumer<String> listener) {
        try {
            var r = ControlClient.fromEnvironment(env, dir).request("sync-service", Duration.ofSeconds(5));
            if (!r.ok()) {
                listener.accept("the session did not start its sync service: " + r.message());
            }
        } catch (CliException e) {
            listener.accept("the session did not start its sync service: " + e.getMessage());
        }
    }
}
