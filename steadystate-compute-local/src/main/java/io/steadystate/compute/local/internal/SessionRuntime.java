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
    /** The sync service's socket, in the session folder. */
    static final String SYNC_SOCKET = "sync.sock";
    /** The session's sync service, once started. */
    private Process syncService;

    SessionRuntime(SessionId id, Path dir, String branch, String sshUser, ProcessLauncher launcher,
            Map<String, List<PublicKey>> keysByLogin, SessionMode mode, Set<String> viewers, RepoSource origin,
            ForgeCredentials credentials, String tokenHost, Path scratchRoot) throws IOException {
        this.mode = mode;
        this.viewers = Set.copyOf(viewers);
        this.id = id;
        this.dir = dir;
        this.canonical = dir.resolve("canonical");
        this.branch = branch;
        this.sshUser = sshUser;
        this.launcher = launcher;
        this.keysByLogin = new LinkedHashMap<>(keysByLogin);
        this.activity = new ActivityLog(dir.resolve("activity-log"));
        this.publisher = new Publisher(id, canonical, branch, origin, Publisher.readAlternates(canonical), credentials,
                tokenHost, scratchRoot, dir.resolve("sync-log"), activity);
    }

    /** The control socket's path. */
    Path controlSocket() {
        return dir.resolve(ControlSocket.FILE_NAME);
    }

    /** Starts serving the control socket ({@link ControlRequests}) in the session folder. */
    synchronized void startControl() throws IOException {
        control = ControlSocket.open(controlSocket(), new ControlRequests(tokens, id, dir, branch, publisher, viewers,
                this::ensureSyncService), ControlSocket.READ_TIMEOUT);
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
        return dir.resolve("bin").resolve("steadystate");
    }

    LaunchCommand prepare(LaunchCommand command) {
        return launcher.prepare(command);
    }

    /** Starts the SSH server on a random port of {@code bindAddress}; returns the port. */
    int startSsh(String bindAddress, KeyPair hostKey) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(bindAddress);
        server.setPort(0);
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
     * The session's sync service ({@code steadystate sync-service}), started on the first request and
     * again after it stopped (it stops itself when idle). It runs through the launcher, in the sandbox,
     * like every other session process; it holds no token and asks the control socket about each client.
     */
    synchronized Path ensureSyncService() throws IOException {
        Path socket = dir.resolve(SYNC_SOCKET);
        if (syncService != null && syncService.isAlive()) {
            return socket;
        }
        Map<String, String> env = environment(null);
        env.put(CONTROL_SOCKET_VARIABLE, controlSocket().toString());
        List<String> argv = List.of(launcherScript().toString(), "sync-service", "--socket", socket.toString());
        Process p = processes.startPiped(prepare(new LaunchCommand(id, dir, null, argv, env, dir)));
        p.getOutputStream().close();
        // Its output is only for people debugging it: drained, never kept.
        Thread.ofPlatform().daemon(true).name("sync-service-out").start(() -> drain(p.getInputStream()));
        Thread.ofPlatform().daemon(true).name("sync-service-err").start(() -> drain(p.getErrorStream()));
        syncService = p;
        activity.record(null, "sync-service", "started");
        return socket;
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
            try {
                pair = TmuxPair.start(dir, work, List.of("/bin/bash", "-l"), env,
                        argv -> prepare(new LaunchCommand(id, dir, null, argv, env, work)).argv());
            } catch (IOException | RuntimeException e) {
                tokens.revoke(pairToken);
                pairToken = null;
                throw e;
            }
            activity.record(owner, "pair-started", "shared terminal started");
        }
        return pair;
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
        env.put("PATH", dir.resolve("bin") + ":" + path);
        env.put("HOME", login == null ? dir.toString() : dir.resolve("users").resolve(login).toString());
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
        Path home = Fs.privateDir(dir.resolve("users").resolve(login));
        Path work = home.resolve("work");
        if (Files.exists(work.resolve(".git"))) {
            return work;
        }
        String head = Canonical.head(canonical, branch).name();
        git(login, home, List.of("git", "--git-dir", canonical.toString(), "worktree", "add", "--detach",
                work.toString(), head));
        Path state = Fs.privateDir(work.resolve(".steadystate"));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("session_id", id.value());
        info.put("branch", branch);
        info.put("last_synced_commit", head);
        info.put("user", login);
        Fs.write(state.resolve("steadystate.json"), Json.object(info) + "\n", "rw-------");
        // The git identity lives in the user's session HOME, which every process of theirs gets.
        Fs.write(home.resolve(".gitconfig"), "[user]\n\tname = " + login + "\n\temail = " + login
                + "@users.noreply.github.com\n", "rw-------");
        // Login shells read /etc/profile, which resets PATH on Debian: put the session's bin/ back first.
        Fs.write(home.resolve(".profile"), "# written by SteadyState\n"
                + "[ -f \"$HOME/.bashrc\" ] && . \"$HOME/.bashrc\"\n"
                + "PATH=" + Shell.quote(dir.resolve("bin").toString()) + ":\"$PATH\"\nexport PATH\n", "rw-------");
        activity.record(login, "worktree-created", "detached at " + head);
        return work;
    }

    private void git(String login, Path cwd, List<String> argv) throws IOException, InterruptedException {
        ExecOutcome r = run(new LaunchCommand(id, dir, login, argv, environment(login), cwd), Duration.ofSeconds(60));
        if (r.exitCode() != 0) {
            throw new IOException(argv.get(0) + " " + argv.get(argv.size() > 3 ? 3 : 1) + " failed: "
                    + new String(r.stderr(), StandardCharsets.UTF_8).strip());
        }
    }

    /** Output and exit code of a finished process; 124 when it was killed for taking too long. */
    record ExecOutcome(int exitCode, byte[] stdout, byte[] stderr) {
    }

    /** Runs {@code command} through the launcher on pipes and waits at most {@code timeout}. */
    ExecOutcome run(LaunchCommand command, Duration timeout) throws IOException, InterruptedException {
        Process p = processes.startPiped(launcher.prepare(command));
        p.getOutputStream().close();
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
