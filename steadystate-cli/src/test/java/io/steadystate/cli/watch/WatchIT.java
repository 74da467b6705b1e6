package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code steadystate watch} as a process: found from the worktree it runs in, and live on a real terminal. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WatchIT {

    private static final Path LAUNCHER = Path.of(System.getProperty("steadystate.launcher", "../bin/steadystate"))
            .toAbsolutePath();

    @TempDir
    Path tmp;

    private SessionFolder session;

    @BeforeEach
    void createSession() throws Exception {
        session = SessionFolder.create(tmp);
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove(SessionLocator.ENV);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("watch ends").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void fromInsideAWorktreeItFindsItsSessionAndPrintsOnceWhenNotOnATerminal() throws Exception {
        Result r = run(session.worktree.resolve("src/deep"), "watch");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("SteadyState session " + SessionFolder.ID + " on ")
                .contains("Connected (1)\n  alice  since ").doesNotContain("\u001b");
    }

    @Test
    void outsideASessionItSaysSo() throws Exception {
        Result r = run(tmp, "watch");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: not inside a session: ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void onATerminalItFollowsTheLogsRunsSyncOnSAndRestoresTheScreenOnQ() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a terminal");
        Path typescript = tmp.resolve("typescript");
        // script gives the dashboard a pseudo-terminal; the command is ours, its only variable part a quoted path.
        String command = "stty cols 100 rows 30 && exec '" + LAUNCHER.toString().replace("'", "'\\''") + "' watch";
        Process p = new ProcessBuilder("script", "-q", "-e", "-f", "-c", command, typescript.toString())
                .directory(session.worktree.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream keys = p.getOutputStream()) {
            awaitScreen(typescript, s -> s.contains("s sync  d diff  c credit  q quit"));
            Files.writeString(session.dir.resolve("activity-log"),
                    "{\"time\":\"2024-01-02T04:00:00Z\",\"user\":\"carol\",\"event\":\"connect\",\"details\":\"x\"}\n",
                    StandardOpenOption.APPEND);
            awaitScreen(typescript, s -> s.contains("carol"));
            keys.write('s');
            keys.flush();
            // Whatever sync does in this hand-made folder, its end shows in the status line.
            awaitScreen(typescript, s -> s.contains("|  sync (exit "));
            keys.write('q');
            keys.flush();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("watch quits on q").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String screen = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(screen).isZero();
        assertThat(screen).contains(DevTty.ALT_SCREEN_ON + DevTty.CURSOR_OFF)
                .contains("Connected (2)")
                .contains(DevTty.CURSOR_ON + DevTty.ALT_SCREEN_OFF);
        assertThat(screen.lastIndexOf(DevTty.ALT_SCREEN_OFF)).isGreaterThan(screen.lastIndexOf("Connected (2)"));
    }

    private static void awaitScreen(Path typescript, Predicate<String> shown) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String s = "";
        while (System.nanoTime() < deadline) {
            s = Files.exists(typescript) ? Files.readString(typescript, StandardCharsets.UTF_8) : "";
            if (shown.test(s)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed what was expected:\n" + s);
    }
}
