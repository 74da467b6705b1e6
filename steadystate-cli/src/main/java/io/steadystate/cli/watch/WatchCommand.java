package io.steadystate.cli.watch;

import io.steadystate.cli.Main;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code steadystate watch}: a live dashboard of the session this worktree belongs to. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Show a live dashboard of this session: its magic link and join command, who is connected, and the "
                    + "recent syncs and activity, following the session's logs as they grow.",
            "Keys: s runs steadystate sync and shows how it ended; d shows steadystate diff; c asks for a file and "
                    + "shows steadystate credit FILE; q or Esc quits.",
            "The session folder is --session-dir, else STEADYSTATE_SESSION_DIR, else the session of the worktree "
                    + "around the current folder. When the output is not a terminal, one plain rendering is printed "
                    + "instead."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the dashboard ended, or the snapshot was printed",
            "1:not inside a session, or the folder is not a session folder",
            "129:wrong usage",
            "255:a log could not be read, or any other error"})
public final class WatchCommand implements Callable<Integer> {

    @Option(names = "--session-dir", paramLabel = "DIR", description = "The session folder (sessions/<id>/) to show.")
    Path sessionDir;

    @Option(names = "--plain", description = "Print one plain rendering (no colours, no keys) and exit.")
    boolean plain;

    @Option(names = "--json", description = "Print the snapshot as JSON and exit.")
    boolean json;

    @Option(names = "--once", description = "Render once and exit, even on a terminal.")
    boolean once;

    @CommandLine.ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> env = main == null ? System.getenv() : main.environment();
        SessionLocator.Location where = SessionLocator.locate(sessionDir, env, Path.of("").toAbsolutePath());
        SessionFeed feed = SessionFeed.open(where.sessionDir());
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        boolean terminal = Terminals.interactive();
        Optional<DevTty> tty = json || plain || !terminal ? Optional.empty() : DevTty.open(env);
        if (tty.isEmpty() || once) {
            feed.poll();
            feed.takePendingLines();
            if (json) {
                out.println(SnapshotJson.render(feed.model(), clock.instant()));
            } else {
                int width = tty.map(t -> t.size().columns()).orElse(Screen.UNLIMITED);
                out.print(Screen.plainText(Screen.render(new Screen.View(feed.model(), clock.instant(),
                        ZoneId.systemDefault(), null), width, Screen.UNLIMITED)));
            }
            out.flush();
            return 0;
        }
        return live(tty.get(), feed, LauncherCommands.find(env, where.workDir()), clock);
    }

    private static int live(DevTty tty, SessionFeed feed, Commands commands, Clock clock) {
        // Ctrl-C and SIGTERM end the JVM through its shutdown hooks: the terminal is restored there too.
        Thread restore = new Thread(tty::leave, "restore-terminal");
        Runtime.getRuntime().addShutdownHook(restore);
        ExecutorService background = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().factory());
        try {
            return new LiveDashboard(tty, feed, commands, clock, ZoneId.systemDefault(), background).run();
        } finally {
            tty.leave();
            background.shutdown();
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already; the hook restores the terminal
            }
        }
    }
}
