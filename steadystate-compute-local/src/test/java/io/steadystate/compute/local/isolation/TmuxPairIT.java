package io.steadystate.compute.local.isolation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pair mode on a real tmux. Attach clients get a real terminal from util-linux {@code script}, which
 * runs the attach command on a fresh PTY and copies its own stdin into it: writing to that stdin is a
 * user typing.
 */
class TmuxPairIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path tmp;

    private Path sessionDir;
    private Path worktree;
    private TmuxPair pair;
    private final List<Attached> attached = new ArrayList<>();

    @BeforeAll
    static void needTmuxAndScript() {
        assumeTrue(TmuxPair.tmux().isPresent(), "skipped: tmux is not installed");
        assumeTrue(Files.isExecutable(SCRIPT), "skipped: util-linux script is not installed at " + SCRIPT);
    }

    @BeforeEach
    void startPair() throws IOException {
        sessionDir = Files.createDirectories(tmp.resolve("s"));
        worktree = Files.createDirectories(sessionDir.resolve("users/alice/work"));
        pair = TmuxPair.start(sessionDir, worktree, List.of("/bin/sh"), shellEnv());
    }

    @AfterEach
    void stopEverything() {
        for (Attached a : attached) {
            a.kill();
        }
        if (pair != null) {
            pair.stop();
        }
    }

    @Test
    void socketAndDirectoryArePrivate() throws IOException {
        assertThat(pair.socket()).isEqualTo(sessionDir.resolve("pair.sock"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pair.socket()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessionDir))).isEqualTo("rwx------");
        assertThat(pair.attachArgv(false)).endsWith("-S", pair.socket().toString(), "attach", "-t", "pair");
        List<String> viewer = pair.attachArgv(true);
        assertThat(viewer).containsSequence("-S", pair.socket().toString(), "new-session", "-d", "-t", "pair")
                .containsSequence("attach-session", "-r", "-t").doesNotContain("attach");
    }

    @Test
    void theShellStartsInTheWorktreeWithTheGivenEnvironment() throws Exception {
        String expected = "where=" + worktree.toRealPath() + " who=alice";
        pair.typeLine("echo \"where=$(pwd) who=$PAIR_USER\"");
        await(pair::capture, s -> s.contains(expected));
    }

    @Test
    void whatOneUserTypesEveryAttachedClientSees() throws Exception {
        Attached bob = attach(false);
        await(pair::clients, clients -> clients.size() == 1);

        // "Alice" types through tmux itself; the arithmetic shows the shell ran the line, not just echoed keys.
        pair.typeLine("echo shared-$((6*7))");

        await(pair::capture, s -> s.contains("shared-42"));
        await(bob::screen, s -> s.contains("shared-42"));
    }

    @Test
    void aReadOnlyAttachCannotTypeButAReadWriteOneCan() throws Exception {
        Attached viewer = attach(true);
        await(pair::clients, clients -> clients.size() == 1 && clients.getFirst().readOnly());
        await(viewer::screen, s -> s.contains("[view-"));

        viewer.type("echo ro-$((5*5))\r");
        // Give the keys time to arrive; a read-write client's keys show up well within this (below).
        Thread.sleep(1500);
        assertThat(pair.capture()).doesNotContain("ro-").doesNotContain("5*5");

        Attached writer = attach(false);
        await(pair::clients, clients -> clients.size() == 2);
        writer.type("echo rw-$((4*4))\r");
        await(pair::capture, s -> s.contains("rw-16"));
        // The viewer sees what the writer typed, and its own keys never arrived late.
        await(viewer::screen, s -> s.contains("rw-16"));
        assertThat(pair.capture()).doesNotContain("ro-").doesNotContain("5*5");
    }

    @Test
    void stopEndsTheServerAndItsShells() throws Exception {
        Attached bob = attach(false);
        await(pair::clients, clients -> clients.size() == 1);
        ProcessHandle server = pair.serverProcess();
        List<ProcessHandle> shells = server.descendants().toList();
        assertThat(shells).isNotEmpty();

        pair.stop();
        pair.stop();

        assertThat(server.isAlive()).isFalse();
        await(() -> shells.stream().filter(ProcessHandle::isAlive).count(), n -> n == 0);
        await(bob.process::isAlive, alive -> !alive);
        assertThat(pair.socket()).doesNotExist();
        assertThat(pair.isRunning()).isFalse();
    }

    @Test
    void aServerInsideTheSandboxConfinesEveryPaneAndStillSharesTheScreen() throws Exception {
        assumeTrue(Sandbox.available(),
                () -> "skipped: bubblewrap cannot run sandboxes here: " + Sandbox.unavailableReason().orElse("?"));
        pair.stop();
        Path dataDir = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(dataDir.resolve("jwt-signing-key.json"), "{}");
        Sandbox sandbox = Sandbox.detect().orElseThrow();
        SandboxPolicy policy = SandboxPolicy.of(sessionDir, dataDir, Path.of(System.getProperty("java.home")), null);
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", worktree.getParent().toString(), "TERM", "screen");
        pair = TmuxPair.start(sessionDir, worktree, List.of("/bin/sh"), env,
                argv -> sandbox.argv(policy, Sandbox.Terminal.DETACHED, worktree, env, argv));

        Attached bob = attach(false);
        await(pair::clients, clients -> clients.size() == 1);
        pair.typeLine("ls " + dataDir + " 2>&1 | head -1; echo pids=$(ls -d /proc/[0-9]* | wc -l)");
        await(pair::capture, s -> s.contains("No such file or directory") && s.lines().anyMatch(l -> l.matches("pids=\\s*\\d+")));
        await(bob::screen, s -> s.matches("(?s).*pids=\\s*\\d.*"));
        String line = pair.capture().lines().filter(l -> l.startsWith("pids=")).findFirst().orElseThrow();
        // bwrap, the tmux server, the shell, and the ls of the pipeline: nothing of the host.
        assertThat(Integer.parseInt(line.substring("pids=".length()).strip())).isLessThan(8);
    }

    private Map<String, String> shellEnv() {
        return Map.of("PATH", "/usr/bin:/bin", "HOME", worktree.getParent().toString(), "PAIR_USER", "alice",
                "TERM", "screen", "PS1", "pair> ");
    }

    /** Runs the attach argv on a fresh PTY through {@code script}, as an SSH session would on the user's PTY. */
    private Attached attach(boolean readOnly) throws IOException {
        String command = pair.attachArgv(readOnly).stream().map(TmuxPairIT::quote).collect(Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "-qfec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("TERM", "xterm-256color");
        Attached a = new Attached(pb.start());
        attached.add(a);
        return a;
    }

    /** POSIX single quoting: {@code script -c} takes one shell command line. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static <T> T await(Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = probe.call();
        while (!done.test(last)) {
            assertThat(System.nanoTime()).as("waited %s; last seen: %s", WAIT, last).isLessThan(deadline);
            Thread.sleep(50);
            last = probe.call();
        }
        return last;
    }

    /** An attach client on its own PTY: keystrokes in, the rendered terminal stream out. */
    private static final class Attached {
        final Process process;
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        private final Thread reader;

        Attached(Process process) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[4096];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        synchronized (screen) {
                            screen.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // The client ended.
                }
            });
        }

        void type(String keys) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write(keys.getBytes(UTF_8));
            in.flush();
        }

        /** What the client's terminal was sent so far, without escape sequences. */
        String screen() {
            synchronized (screen) {
                return screen.toString(UTF_8).replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78M]", "");
            }
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
