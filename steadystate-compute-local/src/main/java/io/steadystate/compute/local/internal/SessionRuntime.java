package io.steadystate.compute.local.internal;

import io.steadystate.api.SessionId;
import io.steadystate.compute.local.LaunchCommand;
import io.steadystate.api.SessionMode;
import io.steadystate.api.spi.ForgeCredentials;
import io.steadystate.compute.local.ProcessLauncher;
import io.steadystate.compute.local.isolation.TmuxPair;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;

/** One running session: its folder, its SSH server, its users' worktrees and its processes. */
final class SessionRuntime {

    /** The GitHub login the connection's key belongs to. */
    static final AttributeKey<String> LOGIN = new AttributeKey<>();
    /** The connection's token ({@link ConnectionTokens}), handed to every process started for it. */
    static final AttributeKey<String> TOKEN = new AttributeKey<>();
    /** The variable that carries a connection's token into its processes. */
    static final String TOKEN_VARIABLE = "STEADYSTATE_TOKEN";
    /** The variable that names the session's control socket. */
    static final String CONTROL_SOCKET_VARIABLE = "STEADYSTATE_CONTROL_SOCKET";

    private final SessionId id;
    private final Path dir;
    private final SessionLayout layout;
    /** The object folders canonical borrows, as provisioning recorded them; never read from canonical itself. */
    private final List<Path> borrowed;
    private final Path canonical;
    private final String branch;
    private final String sshUser;
    private final ProcessLauncher launcher;
    private final ActivityLog activity;
    private final SessionProcesses processes = new SessionProcesses();
    /** Who may enter, in priority order (creator first), and their keys. */
    private final Map<String, List<PublicKey>> keysByLogin;
    private SshServer sshd;
    /** Authenticated SSH connections open now, and when one last opened or closed. */
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Instant lastActivity = Instant.now();
    private final SessionMode mode;
    /** Logins that may watch a pair session but not type. */
    private final Set<String> viewers;
    /** The shared terminal of a pair session, started on the first visit. */
    private TmuxPair pair;
    /** The creator's token the pair session's tmux server (and so every pane) runs with; lives with the session. */
    private String pairToken;
    /** Who each connection's token stands for. */
    private final ConnectionTokens tokens = new ConnectionTokens();
    private final Publisher publisher;
    private ControlSocket control;
    /** The sync service's socket, in the member's folder of {@code run/}. */
    static final String SYNC_SOCKET = "sync.sock";
    /** Each member's sync service, once started. */
    private final Map<String, Process> syncServices = new HashMap<>();

    SessionRuntime(SessionId id, Path dir, String branch, String sshUser, ProcessLauncher launcher,
            Map<String, List<PublicKey>> keysByLogin, SessionMode mode, Set<String> viewers, RepoSource origin,
            ForgeCredentials credentials, String tokenHost, Path scratchRoot, List<Path> borrowed) throws IOException {
        this.mode = mode;
        this.viewers = Set.copyOf(viewers);
        this.id = id;
        this.dir = dir;
        this.layout = new SessionLayout(dir);
        this.borrowed = List.copyOf(borrowed);
        this.canonical = layout.canonical();
        this.branch = branch;
        this.sshUser = sshUser;
        this.launcher = launcher;
        this.keysByLogin = new LinkedHashMap<>(keysByLogin);
        this.activity = new ActivityLog(layout.activityLog());
        this.publisher = new Publisher(id, canonical, branch, origin, Publisher.readAlternates(canonical), credentials,
                tokenHost, scratchRoot, layout.syncLog(), activity);
    }

    /** The control socket's path. */
    Path controlSocket() {
        return layout.controlSocket();
    }

    /** Starts serving the control socket ({@link ControlRequests}) in the session's {@code run/} folder. */
    synchronized void startControl() throws IOException {
        Fs.privateDir(layout.run());
        control = ControlSocket.open(controlSocket(), new ControlRequests(tokens, id, dir, branch, publisher, viewers,
                this::ensureSyncService), ControlSocket.READ_TIMEOUT);
    }

    SessionLayout layout() {
        return layout;
    }

    /** What {@code login}'s own processes see of the session. */
    List<io.steadystate.compute.local.SessionMount> memberMounts(String login) {
        return layout.member(login, borrowed);
    }

    /** What the session's housekeeping sees: everything read-only, the host key not at all. */
    List<io.steadystate.compute.local.SessionMount> inspectorMounts() {
        return layout.inspector(borrowed);
    }

    SessionId id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    ActivityLog activity() {
        return activity;
    }

    SessionProcesses processes() {
        return processes;
    }

    Path launcherScript() {
        return layout.launcher();
    }

    LaunchCommand prepare(LaunchCommand command) {
        return launcher.prepare(command);
    }

    /** Starts the SSH server on a random port of {@code bindAddress}; returns the port. */
    int startSsh(String bindAddress, KeyPair hostKey) throws IOException {
        return startSsh(bindAddress, hostKey, 0);
    }

    /** Starts the SSH server on {@code port} (0: a random one) of {@code bindAddress}; returns the port. */
    int startSsh(String bindAddress, KeyPair hostKey, int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(bindAddress);
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setPublickeyAuthenticator((username, key, session) -> {
            if (!sshUser.equals(username)) {
                return false;
            }
            String login = loginOf(key);
            if (login == null) {
                return false;
            }
            session.setAttribute(LOGIN, login);
            return true;
        });
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setAgentFactory(null);
        server.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        server.setSubsystemFactories(List.of());
        server.setShellFactory(channel -> SessionCommand.shell(this));
        server.setCommandFactory((channel, command) -> SessionCommand.exec(this, command));
        // Interactive shells may sit idle for a long time; the server's reaper decides about idle sessions.
        CoreModuleProperties.IDLE_TIMEOUT.set(server, Duration.ZERO);
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.Authenticated) {
                    String login = session.getAttribute(LOGIN);
                    if (login != null) {
                        session.setAttribute(TOKEN, tokens.mint(login));
                    }
                    connections.incrementAndGet();
                    lastActivity = Instant.now();
                    activity.record(session.getAttribute(LOGIN), "connect", "from " + session.getIoSession().getRemoteAddress());
                }
            }

            @Override
            public void sessionClosed(Session session) {
                tokens.revoke(session.removeAttribute(TOKEN));
                String login = session.getAttribute(LOGIN);
                if (login != null && session.isAuthenticated()) {
                    connections.decrementAndGet();
                    lastActivity = Instant.now();
                    activity.record(login, "disconnect", "from " + session.getIoSession().getRemoteAddress());
                }
            }
        });
        server.start();
        this.sshd = server;
        return server.getPort();
    }

    private String loginOf(PublicKey key) {
        for (Map.Entry<String, List<PublicKey>> e : keysByLogin.entrySet()) {
            for (PublicKey k : e.getValue()) {
                if (KeyUtils.compareKeys(k, key)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    boolean alive() {
        SshServer s = sshd;
        return s != null && s.isStarted() && s.isOpen();
    }

    /** Now while someone is connected; otherwise when the last connection opened or closed. */
    Instant lastActivity() {
        return connections.get() > 0 ? Instant.now() : lastActivity;
    }

    boolean isPair() {
        return mode == SessionMode.PAIR;
    }

    boolean isViewer(String login) {
        return viewers.contains(login);
    }

    /**
     * {@code login}'s sync service ({@code steadystate sync-service}), started on the first request and
     * again after it stopped (it stops itself when idle). It is the only writer of canonical: it runs
     * through the launcher with canonical writable and the member's home read-only, serves only that
     * member (it asks the control socket who each client is), and holds no token of its own.
     */
    synchronized Path ensureSyncService(String login) throws IOException {
        int n = memberIndex(login);
        if (n < 0 || viewers.contains(login)) {
            throw new IOException(login + " may not sync in this session");
        }
        Path folder = layout.syncDir(n);
        Path socket = folder.resolve(SYNC_SOCKET);
        Process running = syncServices.get(login);
        if (running != null && running.isAlive()) {
            return socket;
        }
        Fs.privateDir(folder);
        Map<String, String> env = environment(null);
        env.put(CONTROL_SOCKET_VARIABLE, controlSocket().toString());
        List<String> argv = List.of(launcherScript().toString(), "sync-service", "--socket", socket.toString(),
                "--member", login, "--canonical", canonical.toString());
        Process p = processes.startPiped(prepare(new LaunchCommand(id, dir, null, argv, env, folder,
                layout.syncService(login, n, borrowed))));
        p.getOutputStream().close();
        // Its output is only for people debugging it: drained, never kept.
        Thread.ofPlatform().daemon(true).name("sync-service-out").start(() -> drain(p.getInputStream()));
        Thread.ofPlatform().daemon(true).name("sync-service-err").start(() -> drain(p.getErrorStream()));
        syncServices.put(login, p);
        activity.record(login, "sync-service", "started");
        return socket;
    }

    /** A member's place in the invitation order (creator first), or -1. */
    private int memberIndex(String login) {
        int i = 0;
        for (String l : keysByLogin.keySet()) {
            if (l.equals(login)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static void drain(java.io.InputStream in) {
        try (in) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The creator, who owns the worktree a pair session shares. */
    String creator() {
        return keysByLogin.keySet().iterator().next();
    }

    /**
     * The pair session's shared tmux, started on the first visit in the creator's worktree; its
     * server runs through the launcher like every other session process.
     */
    synchronized TmuxPair pair() throws IOException, InterruptedException {
        if (pair == null || !pair.isRunning()) {
            String owner = creator();
            Path work = ensureWorktree(owner);
            Map<String, String> env = environment(owner);
            env.put("TERM", "xterm-256color");
            // Whoever types in the shared terminal acts as the creator, whose worktree it is.
            tokens.revoke(pairToken);
            pairToken = tokens.mint(owner);
            env.putAll(controlEnvironment(pairToken));
            Fs.privateDir(layout.pairDir());
            try {
                pair = TmuxPair.start(layout.pairDir(), work, List.of("/bin/bash", "-l"), env,
                        argv -> prepare(new LaunchCommand(id, dir, null, argv, env, work,
                                layout.pairServer(owner, borrowed))).argv());
            } catch (IOException | RuntimeException e) {
                tokens.revoke(pairToken);
                pairToken = null;
                throw e;
            }
            activity.record(owner, "pair-started", "shared terminal started");
        }
        return pair;
    }

    /** What a tmux client attaching to the pair session sees: its socket and nothing else of the session. */
    List<io.steadystate.compute.local.SessionMount> pairClientMounts() {
        return layout.pairClient();
    }

    /** Stops the SSH server and the control socket, ends every process of the session and forgets its tokens. */
    void stop() {
        synchronized (this) {
            if (pair != null) {
                pair.stop();
            }
            tokens.revoke(pairToken);
            pairToken = null;
            if (control != null) {
                control.close();
            }
        }
        SshServer s = sshd;
        if (s != null) {
            try {
                s.stop(true);
            } catch (IOException e) {
                // closing anyway
            }
        }
        processes.killAll(Duration.ofSeconds(1));
        tokens.clear();
        synchronized (this) {
            syncServices.clear();
        }
    }

    /** The variables that let a process started for a connection reach the control socket as that connection's user. */
    Map<String, String> controlEnvironment(String token) {
        Map<String, String> env = new HashMap<>();
        env.put(CONTROL_SOCKET_VARIABLE, controlSocket().toString());
        if (token != null) {
            env.put(TOKEN_VARIABLE, token);
        }
        return env;
    }

    /** The environment of a process run for {@code login} (or for the session when null); nothing inherited. */
    Map<String, String> environment(String login) {
        Map<String, String> env = new HashMap<>();
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PATH", layout.bin() + ":" + path);
        env.put("HOME", login == null ? dir.toString() : layout.home(login).toString());
        if (login != null && viewers.contains(login)) {
            // Viewers only read: no pager that can start a shell (less's !, |, v) and no program of theirs.
            env.put("PAGER", "cat");
            env.put("LESSSECURE", "1");
        }
        env.put("SHELL", "/bin/bash");
        env.put("LANG", "C.UTF-8");
        env.put("STEADYSTATE_SESSION_ID", id.value());
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            env.put("JAVA_HOME", javaHome);
        }
        String user = System.getProperty("user.name");
        if (user != null) {
            env.put("USER", user);
            env.put("LOGNAME", user);
        }
        return env;
    }

    /**
     * The user's worktree, created on the first visit: detached at the session branch's head (a
     * branch can be checked out in one worktree only, and sync commits to the session branch in
     * canonical), with its {@code .steadystate/steadystate.json}, git identity and home files.
     */
    synchronized Path ensureWorktree(String login) throws IOException, InterruptedException {
        if (!GitHubKeys.validLogin(login)) {
            throw new IOException("not a valid login");
        }
        // users/ belongs to the server, so the home it makes there is a real folder; what the member puts
        // in it is the member's, and the server never writes there: the worktree is made by a process in
        // the member's own sandbox.
        Path home = Fs.privateDir(layout.home(login));
        Path work = layout.worktree(login);
        writeIdentity(login);
        if (Files.isRegularFile(work.resolve(".steadystate").resolve("steadystate.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return work;
        }
        String head = Canonical.head(canonical, branch).name();
        // Plain git and sh with fixed arguments, run in the member's sandbox: a repository of its own that
        // borrows canonical's objects (canonical is read-only there), detached at the session branch's head.
        if (!Files.isDirectory(work.resolve(".git"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            member(login, home, null, "git", "clone", "--shared", "--no-checkout", "--quiet", "--", canonical.toString(),
                    work.toString());
        }
        member(login, work, null, "git", "checkout", "--quiet", "--detach", head, "--");
        member(login, work, "# SteadyState keeps the worktree's sync state here\n.steadystate/\n",
                "sh", "-c", "mkdir -p .git/info && cat >> .git/info/exclude");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("session_id", id.value());
        info.put("branch", branch);
        info.put("last_synced_commit", head);
        info.put("user", login);
        member(login, work, Json.object(info) + "\n",
                "sh", "-c", "mkdir -p .steadystate && umask 077 && cat > .steadystate/steadystate.json.tmp"
                        + " && mv .steadystate/steadystate.json.tmp .steadystate/steadystate.json");
        activity.record(login, "worktree-created", "detached at " + head);
        return work;
    }

    /** Runs {@code argv} in {@code login}'s sandbox in {@code cwd}, with {@code input} on its standard input. */
    private void member(String login, Path cwd, String input, String... argv) throws IOException, InterruptedException {
        ExecOutcome r = run(new LaunchCommand(id, dir, login, List.of(argv), environment(login), cwd, memberMounts(login)),
                Duration.ofSeconds(120), input == null ? new byte[0] : input.getBytes(StandardCharsets.UTF_8));
        if (r.exitCode() != 0) {
            throw new IOException("could not create the worktree of " + login + ": " + argv[0] + " failed: "
                    + new String(r.stderr(), StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * The member's git identity, in a file of the server's that the member's sandbox reads as
     * {@code /etc/gitconfig}: the server never writes in a member's home.
     */
    private void writeIdentity(String login) throws IOException {
        Path file = layout.gitIdentity(login);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Fs.write(file, GitIdentity.config(login), "rw-r--r--");
        }
    }

    /**
     * What ending the session would lose: commits on the session branch that were never published, and
     * each writer's changes not synced yet. A member's worktree is looked at by {@code steadystate status}
     * in that member's own sandbox: the server itself never reads what members can write.
     */
    List<String> unsavedWork() {
        List<String> lost = new ArrayList<>();
        try {
            String head = Canonical.head(canonical, branch).name();
            Set<String> saved = new java.util.HashSet<>();
            for (Path f : List.of(layout.startCommit(), layout.published())) {
                if (Files.isRegularFile(f)) {
                    saved.add(Files.readString(f, StandardCharsets.UTF_8).strip());
                }
            }
            if (!saved.contains(head)) {
                lost.add("commits on " + branch + " that were never published (head " + head.substring(0, 12) + ")");
            }
        } catch (IOException e) {
            lost.add("could not read the session branch: " + e.getMessage());
        }
        for (String login : keysByLogin.keySet()) {
            Path work = layout.worktree(login);
            if (viewers.contains(login) || !Files.isDirectory(work, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                ExecOutcome r = run(new LaunchCommand(id, dir, login, List.of(launcherScript().toString(), "status", "--json"),
                        environment(login), work, memberMounts(login)), Duration.ofSeconds(60));
                String out = new String(r.stdout(), StandardCharsets.UTF_8);
                if (r.exitCode() != 0) {
                    lost.add(login + ": could not check the worktree (status exited " + r.exitCode() + ")");
                } else if (!out.contains("\"clean\":true")) {
                    lost.add(login + ": changes not synced yet");
                }
            } catch (IOException e) {
                lost.add(login + ": could not check the worktree (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lost.add(login + ": could not check the worktree (interrupted)");
            }
        }
        return lost;
    }

    /** Output and exit code of a finished process; 124 when it was killed for taking too long. */
    record ExecOutcome(int exitCode, byte[] stdout, byte[] stderr) {
    }

    /** Runs {@code command} through the launcher on pipes and waits at most {@code timeout}. */
    ExecOutcome run(LaunchCommand command, Duration timeout) throws IOException, InterruptedException {
        return run(command, timeout, new byte[0]);
    }

    /** Like {@link #run(LaunchCommand, Duration)}, with {@code input} on the process's standard input. */
    ExecOutcome run(LaunchCommand command, Duration timeout, byte[] input) throws IOException, InterruptedException {
        Process p = processes.startPiped(launcher.prepare(command));
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        } catch (IOException e) {
            // it did not read its input; its exit code says what happened
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = copy(p.getInputStream(), out);
        Thread t2 = copy(p.getErrorStream(), err);
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            List<ProcessHandle> roots = new ArrayList<>();
            roots.add(p.toHandle());
            SessionProcesses.kill(roots, Duration.ofSeconds(1));
            p.waitFor(5, TimeUnit.SECONDS);
        }
        t1.join(Duration.ofSeconds(5));
        t2.join(Duration.ofSeconds(5));
        if (!done) {
            err.writeBytes(("\ntimed out after " + timeout.toSeconds() + " s\n").getBytes(StandardCharsets.UTF_8));
            return new ExecOutcome(124, out.toByteArray(), err.toByteArray());
        }
        return new ExecOutcome(p.exitValue(), out.toByteArray(), err.toByteArray());
    }

    private static Thread copy(InputStream from, OutputStream to) {
        // A platform thread: it blocks reading a process's output (see SessionCommand).
        return Thread.ofPlatform().daemon(true).name("session-pump").start(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException e) {
                // process gone
            }
        });
    }
}
