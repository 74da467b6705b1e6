package io.steadystate.compute.local.isolation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Pair mode: one shared tmux session, named {@value #SESSION}, whose server listens on a socket inside
 * the session directory ({@code <session>/pair.sock}). Everyone attaches to the same window: the creator
 * and allowed users read-write, viewers read-only ({@code tmux attach -r}, whose keystrokes tmux
 * ignores).
 *
 * <p>The tmux server runs in the foreground ({@code tmux -D}) as a process this class owns, started with
 * an environment that holds only the variables passed in. Every process tmux starts (the shell, and any
 * window a user opens later with {@code C-b c} or a {@code C-b :} command) is a child of that server, so
 * to confine them all, wrap the <em>server</em> in the sandbox:
 * {@code start(dir, worktree, shell, env, argv -> sandbox.argv(policy, Terminal.DETACHED, worktree, env, argv))}.
 * A daemonising tmux would not survive that: it would be killed with the sandbox's PID namespace as soon
 * as the command that started it returned. The attach clients run outside: they only talk to the
 * socket, which is visible at the same path inside and out.
 *
 * <p>Access: the session directory is made {@code 0700} and the socket {@code 0600}, so only the
 * server's OS user can reach it; who may attach is decided by the SSH layer before it runs
 * {@link #attachArgv}.
 */
public final class TmuxPair implements AutoCloseable {

    /** The name of the shared tmux session. */
    public static final String SESSION = "pair";
    /** The socket's file name inside the session directory. */
    public static final String SOCKET = "pair.sock";
    /** Longest socket path an {@code AF_UNIX} address holds, with room for the terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<PosixFilePermission> DIR_0700 = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_0600 = PosixFilePermissions.fromString("rw-------");

    private final Path tmux;
    private final Path socket;
    private final Process server;
    private volatile boolean stopped;

    private TmuxPair(Path tmux, Path socket, Process server) {
        this.tmux = tmux;
        this.socket = socket;
        this.server = server;
    }

    /** The {@code tmux} binary: {@code /usr/bin/tmux}, else the first one on {@code PATH}. */
    public static Optional<Path> tmux() {
        Path standard = Path.of("/usr/bin/tmux");
        if (Files.isExecutable(standard)) {
            return Optional.of(standard);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "tmux"))) {
                    return Optional.of(Path.of(dir, "tmux"));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts the pair session with an unconfined tmux server. See
     * {@link #start(Path, Path, List, Map, UnaryOperator)}.
     */
    public static TmuxPair start(Path sessionDir, Path worktree, List<String> shellArgv, Map<String, String> env)
            throws IOException {
        return start(sessionDir, worktree, shellArgv, env, UnaryOperator.identity());
    }

    /**
     * Starts a tmux server on {@code <sessionDir>/pair.sock} and, in it, a detached session
     * {@value #SESSION} running {@code shellArgv} in {@code worktree}.
     *
     * @param sessionDir   the session directory; made {@code 0700}
     * @param worktree     where the shell starts
     * @param shellArgv    the shell and its arguments, passed to tmux as separate arguments
     * @param env          the complete environment of the tmux server and the shell
     * @param serverLauncher turns the tmux server's argument list into the one to run, e.g. wrapped in
     *                     the {@link Sandbox}; {@link UnaryOperator#identity()} to run it as it is
     * @throws IOException when tmux is missing, the socket path is too long, or the server or session
     *                     does not come up within the start timeout
     */
    public static TmuxPair start(Path sessionDir, Path worktree, List<String> shellArgv, Map<String, String> env,
                                 UnaryOperator<List<String>> serverLauncher) throws IOException {
        Objects.requireNonNull(worktree, "worktree");
        Objects.requireNonNull(serverLauncher, "serverLauncher");
        if (Objects.requireNonNull(shellArgv, "shellArgv").isEmpty()) {
            throw new IllegalArgumentException("the shell command must not be empty");
        }
        Map<String, String> environment = new TreeMap<>(Objects.requireNonNull(env, "env"));
        Path tmux = tmux().orElseThrow(() -> new IOException("tmux is not installed; pair mode needs it"));
        Path dir = sessionDir.toAbsolutePath().normalize();
        Files.setPosixFilePermissions(dir, DIR_0700);
        Path socket = dir.resolve(SOCKET);
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IOException("the tmux socket path is longer than " + MAX_SOCKET_PATH + " bytes: " + socket);
        }
        Files.deleteIfExists(socket);

        List<String> serverArgv = List.of(tmux.toString(), "-S", socket.toString(), "-f", "/dev/null", "-D");
        ProcessBuilder pb = new ProcessBuilder(serverLauncher.apply(serverArgv))
                .directory(worktree.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(environment);
        Process server = pb.start();
        TmuxPair pair = new TmuxPair(tmux, socket, server);
        try {
            pair.awaitSocket();
            List<String> newSession = new ArrayList<>(List.of("new-session", "-d", "-s", SESSION,
                    "-c", worktree.toString(), "-x", "160", "-y", "48"));
            environment.forEach((k, v) -> {
                newSession.add("-e");
                newSession.add(k + "=" + v);
            });
            newSession.add("--");
            newSession.addAll(shellArgv);
            pair.tmuxCommand(newSession);
            Files.setPosixFilePermissions(socket, FILE_0600);
            return pair;
        } catch (IOException | RuntimeException e) {
            pair.stop();
            throw e;
        }
    }

    private void awaitSocket() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(socket)) {
            if (!server.isAlive()) {
                throw new IOException("the tmux server exited (" + server.exitValue() + ") before creating " + socket);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the tmux server did not create " + socket + " within " + START_TIMEOUT.toSeconds() + " s");
            }
            sleep(20);
        }
    }

    /** The socket every attach goes through. */
    public Path socket() {
        return socket;
    }

    /** The tmux server process (or the sandbox around it). */
    public ProcessHandle serverProcess() {
        return server.toHandle();
    }

    /**
     * The argument list that attaches a terminal to the pair session: read-write for the creator and
     * allowed users, {@code readOnly} ({@code -r}) for viewers. Run it on the user's PTY.
     */
    public List<String> attachArgv(boolean readOnly) {
        if (!readOnly) {
            return List.of(tmux.toString(), "-S", socket.toString(), "attach", "-t", SESSION);
        }
        // A viewer gets a session of its own in the pair's group (same windows, same screen), attached
        // read-only and gone when the viewer leaves: a read-only client attached to the pair session
        // itself stopped the writer's keystrokes from reaching the pane.
        String view = "view-" + Long.toHexString(VIEW_IDS.nextLong() & Long.MAX_VALUE);
        return List.of(tmux.toString(), "-S", socket.toString(),
                "new-session", "-d", "-t", SESSION, "-s", view, ";",
                "set-option", "-t", view, "destroy-unattached", "on", ";",
                "attach-session", "-r", "-t", view);
    }

    private static final java.security.SecureRandom VIEW_IDS = new java.security.SecureRandom();

    /** Types {@code text} into the shared pane, literally (no key names), without pressing Enter. */
    public void sendText(String text) throws IOException {
        tmuxCommand(List.of("send-keys", "-t", SESSION, "-l", "--", text));
    }

    /** Sends tmux key names ({@code Enter}, {@code C-c}, ...) to the shared pane. */
    public void sendKeys(String... keys) throws IOException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", SESSION, "--"));
        args.addAll(List.of(keys));
        tmuxCommand(args);
    }

    /** Types a line and presses Enter. */
    public void typeLine(String line) throws IOException {
        sendText(line);
        sendKeys("Enter");
    }

    /** The visible text of the shared pane, as every attached client sees it; wrapped lines joined. */
    public String capture() throws IOException {
        return tmuxCommand(List.of("capture-pane", "-p", "-J", "-t", SESSION));
    }

    /** One attached client. */
    public record Client(String tty, boolean readOnly) {}

    /** The clients attached right now, to the pair session or to a viewer's session in its group. */
    public List<Client> clients() throws IOException {
        String out = tmuxCommand(List.of("list-clients", "-F", "#{client_tty} #{client_readonly}"));
        return out.lines()
                .filter(l -> !l.isBlank())
                .map(l -> {
                    int space = l.lastIndexOf(' ');
                    return new Client(l.substring(0, space), "1".equals(l.substring(space + 1)));
                })
                .toList();
    }

    /** Whether the tmux server still runs. */
    public boolean isRunning() {
        return !stopped && server.isAlive();
    }

    /**
     * Whether the shared session still exists: its shell may have exited (someone typed {@code exit})
     * while the tmux server has not ended yet, and then there is nothing to attach to.
     */
    public boolean hasSharedSession() {
        if (!isRunning()) {
            return false;
        }
        try {
            tmuxCommand(List.of("has-session", "-t", SESSION));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Ends the pair session: asks tmux to kill its server (which hangs up every pane), then ends whatever
     * is left of the server process and its descendants, and removes the socket. Idempotent.
     */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (server.isAlive()) {
            try {
                tmuxCommand(List.of("kill-server"));
            } catch (IOException e) {
                // Ended forcibly below.
            }
        }
        List<ProcessHandle> descendants = server.descendants().toList();
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroy();
                if (!server.waitFor(2, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                    server.waitFor(2, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.destroyForcibly();
        }
        for (ProcessHandle child : descendants) {
            child.destroyForcibly();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // The directory goes with the session.
        }
    }

    @Override
    public void close() {
        stop();
    }

    private String tmuxCommand(List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(tmux.toString(), "-S", socket.toString()));
        argv.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("tmux " + args.getFirst() + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            String stdout = out.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (p.exitValue() != 0) {
                throw new IOException("tmux " + args.getFirst() + " failed (" + p.exitValue() + "): "
                        + err.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).strip());
            }
            return stdout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running tmux " + args.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of tmux " + args.getFirst(), e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
