package io.steadystate.compute.local.internal;

import io.steadystate.api.Identity;
import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionEvent;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.api.spi.ForgeCredentials;
import io.steadystate.api.spi.ProvisionedSession;
import io.steadystate.api.spi.RemoteExecutor;
import io.steadystate.compute.local.LaunchCommand;
import io.steadystate.compute.local.ProcessLauncher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Sessions on this machine, under {@code <dataDir>/sessions/<id>/}: {@code canonical/} (bare clone,
 * branch {@code steadystate/collab/<id>}), {@code ssh/} (host key), {@code bin/steadystate},
 * {@code sync-log}, {@code activity-log}, {@code session-info.json} and {@code users/<login>/}.
 */
public final class LocalComputeProvider implements ComputeProvider {

    private static final System.Logger LOG = System.getLogger(LocalComputeProvider.class.getName());
    private static final Pattern SSH_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");

    private final String name;
    private final ComputeSettings settings;
    private final ProcessLauncher launcher;
    private final Optional<String> isolationProblem;
    private final Path sessionsRoot;
    private final Path scratchRoot;
    private final String sshUser;
    private final GitHubKeys keys;
    private final List<Path> allowedRoots;
    private final RepoHosts repoHosts;
    /** Whether sessions may run where they cannot be isolated ({@code STEADYSTATE_ALLOW_UNISOLATED=true}). */
    private final boolean allowUnisolated;
    private final Map<SessionId, SessionRuntime> sessions = new ConcurrentHashMap<>();
    private final SessionLogEvents logEvents = new SessionLogEvents();

    public LocalComputeProvider(String name, ComputeSettings settings, ProcessLauncher launcher,
            Optional<String> isolationProblem) throws ComputeException {
        this.isolationProblem = Objects.requireNonNull(isolationProblem, "isolationProblem");
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.sshUser = settings.get("STEADYSTATE_SSH_USER").orElse("steadystate");
        if (!SSH_USER.matcher(sshUser).matches()) {
            throw new ComputeException("STEADYSTATE_SSH_USER must be a plain user name (lower-case letters, digits, _ and -)");
        }
        try {
            this.keys = new GitHubKeys(settings.get("GITHUB_BASE_URL").orElse("https://github.com"));
        } catch (IllegalArgumentException e) {
            throw new ComputeException("GITHUB_BASE_URL " + e.getMessage());
        }
        this.allowedRoots = RepoSource.roots(settings.get("STEADYSTATE_ALLOWED_REPO_ROOTS").orElse(""));
        this.repoHosts = RepoHosts.of(settings.get("STEADYSTATE_ALLOWED_REPO_HOSTS").orElse(""));
        this.allowUnisolated = "true".equals(settings.get("STEADYSTATE_ALLOW_UNISOLATED").orElse("false"));
        this.sessionsRoot = settings.dataDir().toAbsolutePath().normalize().resolve("sessions");
        // Publishing pushes from scratch repositories here: in the data dir, which sessions never see.
        this.scratchRoot = settings.dataDir().toAbsolutePath().normalize().resolve("publish");
    }

    @Override
    public String name() {
        return name;
    }

    /** The session branch of {@code id}. */
    static String sessionBranch(SessionId id) {
        return "steadystate/collab/" + id.value();
    }

    @Override
    public ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator) throws ComputeException {
        return provision(id, spec, creator, ForgeCredentials.none());
    }

    /**
     * Provisions the session; {@code credentials} are asked for the creator's forge token when someone
     * publishes the session branch (see the control socket), and kept in memory only.
     */
    @Override
    public ProvisionedSession provision(SessionId id, SessionSpec spec, Identity creator, ForgeCredentials credentials)
            throws ComputeException {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(creator, "creator");
        if (isolationProblem.isPresent() && !allowUnisolated) {
            throw new ComputeException("this server cannot isolate sessions (" + isolationProblem.get() + "), so it starts"
                    + " none; install bubblewrap, or set STEADYSTATE_ALLOW_UNISOLATED=true to run sessions that every"
                    + " member can use to act as the server's OS user");
        }
        RepoSource source = RepoSource.parse(spec.repoUrl(), allowedRoots, repoHosts);
        if (spec.branch() != null && !RepoSource.validBranch(spec.branch())) {
            throw new ComputeException("'" + spec.branch() + "' is not a valid branch name");
        }
        Set<String> logins = new LinkedHashSet<>();
        logins.add(creator.login());
        logins.addAll(spec.allowedUsers());
        logins.addAll(spec.viewers());
        for (String login : logins) {
            if (!GitHubKeys.validLogin(login)) {
                throw new ComputeException("'" + login + "' is not a GitHub login");
            }
        }
        Map<String, List<PublicKey>> keysByLogin = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (String login : logins) {
            try {
                keysByLogin.put(login, keys.keys(login));
            } catch (ComputeException e) {
                if (login.equals(creator.login())) {
                    throw new ComputeException("the session's creator cannot log in: " + e.getMessage(), e);
                }
                unavailable.add(e.getMessage());
            }
        }
        Path dir = sessionsRoot.resolve(id.value());
        if (sessions.containsKey(id) || Files.exists(dir)) {
            throw new ComputeException("session " + id + " exists already");
        }
        SessionLayout layout = new SessionLayout(dir);
        if (!ControlSocket.fits(layout.syncDir(logins.size()).resolve(SessionRuntime.SYNC_SOCKET))) {
            throw new ComputeException("the session folder " + dir + " is too long a path for the session's"
                    + " sockets (at most " + ControlSocket.MAX_PATH_BYTES + " bytes); use a shorter STEADYSTATE_DATA_DIR");
        }
        SessionRuntime runtime = null;
        try {
            Fs.privateDir(sessionsRoot);
            Files.createDirectory(dir);
            Fs.privateDir(dir);
            String branch = sessionBranch(id);
            Canonical.create(source, spec.branch(), layout.canonical(), branch);
            Fs.privateDir(layout.canonical());
            Fs.privateDir(layout.users());
            Fs.privateDir(layout.run());
            Fs.privateDir(layout.sandboxDir());
            writeLauncher(Fs.privateDir(layout.bin()).resolve("steadystate"));
            ActivityLog.create(layout.syncLog());
            ActivityLog.create(layout.activityLog());
            List<Path> borrowed = SessionFiles.writeBorrowedObjects(layout, source);
            SessionFiles.writeProfile(layout);
            Fs.write(layout.startCommit(), Canonical.head(layout.canonical(), branch).name() + "\n", "rw-------");
            KeyPair hostKey = KeyUtils.generateKeyPair(ED25519, 256);
            String hostPublicKey = PublicKeyEntry.toString(hostKey.getPublic());
            writeHostKey(Fs.privateDir(layout.sshDir()), hostKey, hostPublicKey, id);
            SessionFiles.writeMembers(layout, new SessionFiles.Members(spec.mode(), creator.login(), creator.provider(),
                    spec.viewers(), spec.repoUrl(), keysByLogin));

            runtime = new SessionRuntime(id, dir, branch, sshUser, launcher, keysByLogin, spec.mode(),
                    new LinkedHashSet<>(spec.viewers()), source, credentials, tokenHost(creator), scratchRoot, borrowed);
            sessions.put(id, runtime);
            for (String reason : unavailable) {
                runtime.activity().record(null, "keys-unavailable", reason);
            }
            runtime.startControl();
            int port = runtime.startSsh(settings.bindAddress(), hostKey);
            String link = new MagicLink(spec.mode(), id, sshUser, settings.externalHost(), port, hostPublicKey).toString();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("id", id.value());
            info.put("magic_link", link);
            info.put("ssh_user", sshUser);
            info.put("ssh_host", settings.externalHost());
            info.put("ssh_port", port);
            info.put("host_public_key", hostPublicKey);
            info.put("branch", branch);
            Fs.write(layout.sessionInfo(), Json.object(info) + "\n", "rw-------");
            runtime.activity().record(creator.login(), "provisioned", "ssh port " + port);
            return new ProvisionedSession(id, sshUser, settings.externalHost(), port, hostPublicKey, link);
        } catch (ComputeException | IOException | GeneralSecurityException | RuntimeException e) {
            sessions.remove(id);
            if (runtime != null) {
                runtime.stop();
            }
            try {
                Fs.deleteTree(dir);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof ComputeException ce) {
                throw ce;
            }
            throw new ComputeException("could not provision session " + id + ": " + e.getMessage(), e);
        }
    }

    private static final String ED25519 = "ssh-ed25519";

    /**
     * The host a creator's forge token may be sent to: GitHub's (from {@code GITHUB_BASE_URL}) for a GitHub
     * login; none for other identities, whose tokens this provider does not know where to use.
     */
    private String tokenHost(Identity creator) {
        if (!"github".equals(creator.provider())) {
            return null;
        }
        try {
            java.net.URI base = new java.net.URI(settings.get("GITHUB_BASE_URL").orElse("https://github.com"));
            return "https".equals(base.getScheme()) || "http".equals(base.getScheme()) ? base.getHost() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private void writeLauncher(Path script) throws IOException {
        String target = settings.get("STEADYSTATE_LAUNCHER").orElse(System.getenv("STEADYSTATE_LAUNCHER"));
        String body;
        if (target != null && target.startsWith("/") && Files.isExecutable(Path.of(target))) {
            body = "#!/bin/sh\n# Runs the SteadyState command line this session was provisioned with.\nexec "
                    + Shell.quote(Path.of(target).toAbsolutePath().normalize().toString()) + " \"$@\"\n";
        } else {
            LOG.log(System.Logger.Level.WARNING, "STEADYSTATE_LAUNCHER is not set to an executable file:"
                    + " 'steadystate' will not work inside sessions");
            body = "#!/bin/sh\necho 'steadystate: this server was started without STEADYSTATE_LAUNCHER' >&2\nexit 127\n";
        }
        Fs.write(script, body, "rwx------");
    }

    private static void writeHostKey(Path sshDir, KeyPair hostKey, String publicText, SessionId id)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(hostKey, "steadystate-" + id.value(), null, pem);
        Path priv = sshDir.resolve("ssh_host_ed25519_key");
        Fs.write(priv, pem.toString(java.nio.charset.StandardCharsets.UTF_8), "rw-------");
        Fs.write(sshDir.resolve("ssh_host_ed25519_key.pub"), publicText + " steadystate-" + id.value() + "\n", "rw-------");
    }

    /** For the server's idle reaper: now while someone is connected, else the last connect or disconnect. */
    @Override
    public Optional<Instant> lastActivity(SessionId id) {
        SessionRuntime r = sessions.get(id);
        return r == null ? Optional.empty() : Optional.of(r.lastActivity());
    }

    @Override
    public List<SessionEvent> events(SessionId id, long afterSequence) {
        return sessions.containsKey(id) ? logEvents.after(new SessionLayout(sessionsRoot.resolve(id.value())), afterSequence) : List.of();
    }

    @Override
    public boolean isAlive(SessionId id) {
        SessionRuntime r = sessions.get(id);
        return r != null && r.alive();
    }

    @Override
    public void terminate(SessionId id) throws ComputeException {
        Objects.requireNonNull(id, "id");
        SessionRuntime r = sessions.remove(id);
        if (r != null) {
            r.activity().record(null, "terminate", "session terminated");
            r.stop();
        }
        try {
            Fs.deleteTree(sessionsRoot.resolve(id.value()));
        } catch (IOException e) {
            throw new ComputeException("could not remove the folder of session " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RemoteExecutor executor(SessionId id) throws ComputeException {
        SessionRuntime r = sessions.get(id);
        if (r == null) {
            throw new ComputeException("session " + id + " is not running here");
        }
        return (argv, timeout) -> {
            Objects.requireNonNull(argv, "argv");
            Objects.requireNonNull(timeout, "timeout");
            if (argv.isEmpty()) {
                throw new ComputeException("nothing to run");
            }
            if (!r.alive()) {
                throw new ComputeException("session " + id + " is not running");
            }
            try {
                // Housekeeping reads: everything of the session read-only, the host key not at all.
                SessionRuntime.ExecOutcome o = r.run(new LaunchCommand(id, r.dir(), null, argv, r.environment(null), r.dir(),
                        r.inspectorMounts()),
                        timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(1) : timeout);
                return new RemoteExecutor.ExecResult(o.exitCode(), o.stdout(), o.stderr());
            } catch (IOException e) {
                throw new ComputeException("could not run " + argv.get(0) + ": " + e.getMessage(), e);
            }
        };
    }

    /** Stops the session's processes (its SSH server too) and keeps its folder, for {@link #resume}. */
    @Override
    public void stop(SessionId id) throws ComputeException {
        Objects.requireNonNull(id, "id");
        SessionRuntime r = sessions.remove(id);
        if (r == null) {
            throw new ComputeException("session " + id + " is not running here");
        }
        r.activity().record(null, "stopped", "stopped while idle; the session's data is kept");
        r.stop();
    }

    /** Stops every session's processes and keeps every session's folder: a restart brings them back ({@link #resume}). */
    @Override
    public void close() {
        for (SessionId id : List.copyOf(sessions.keySet())) {
            SessionRuntime r = sessions.remove(id);
            if (r != null) {
                r.activity().record(null, "stopped", "the server stopped; the session's data is kept");
                r.stop();
            }
        }
    }

    /**
     * Brings back a session from its folder: the same port, host key (and so magic link), members and
     * keys as provisioned, every worktree as it was. Processes an earlier server left behind (after a
     * {@code kill -9}) are ended first.
     */
    @Override
    public ProvisionedSession resume(SessionId id, SessionSpec spec, Identity creator, ForgeCredentials credentials)
            throws ComputeException {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(credentials, "credentials");
        Path dir = sessionsRoot.resolve(id.value());
        SessionLayout layout = new SessionLayout(dir);
        if (sessions.containsKey(id)) {
            throw new ComputeException("session " + id + " is running already");
        }
        if (!Files.isDirectory(layout.canonical(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new ComputeException("the folder of session " + id + " is gone");
        }
        SessionRuntime runtime = null;
        try {
            SessionProcesses.endLeftovers(dir);
            SessionFiles.Members members = SessionFiles.readMembers(layout);
            RepoSource source = RepoSource.parse(members.repoUrl(), allowedRoots);
            List<Path> borrowed = SessionFiles.readBorrowedObjects(layout);
            com.fasterxml.jackson.databind.JsonNode info = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(layout.sessionInfo().toFile());
            int port = info.path("ssh_port").asInt();
            String hostPublicKey = info.path("host_public_key").asText();
            String link = info.path("magic_link").asText();
            KeyPair hostKey = readHostKey(layout);
            if (!PublicKeyEntry.toString(hostKey.getPublic()).equals(hostPublicKey)) {
                throw new ComputeException("the host key of session " + id + " does not match its session-info.json");
            }
            Identity owner = new Identity(members.creatorProvider() == null ? creator.provider() : members.creatorProvider(),
                    creator.subject(), members.creator());
            runtime = new SessionRuntime(id, dir, sessionBranch(id), sshUser, launcher, members.keysByLogin(), members.mode(),
                    new LinkedHashSet<>(members.viewers()), source, credentials, tokenHost(owner), scratchRoot, borrowed);
            sessions.put(id, runtime);
            runtime.startControl();
            runtime.startSsh(settings.bindAddress(), hostKey, port);
            runtime.activity().record(null, "resumed", "ssh port " + port);
            return new ProvisionedSession(id, sshUser, settings.externalHost(), port, hostPublicKey, link);
        } catch (ComputeException | IOException | GeneralSecurityException | RuntimeException e) {
            sessions.remove(id);
            if (runtime != null) {
                runtime.stop();
            }
            if (e instanceof ComputeException ce) {
                throw ce;
            }
            throw new ComputeException("could not bring back session " + id + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair readHostKey(SessionLayout layout) throws IOException, GeneralSecurityException {
        Path file = layout.sshDir().resolve("ssh_host_ed25519_key");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (KeyPair kp : org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null,
                    org.apache.sshd.common.NamedResource.ofName(file.toString()), in, null)) {
                return kp;
            }
        }
        throw new IOException("no key in " + file);
    }

    /**
     * Members' changes not synced yet (asked of each member's worktree by {@code steadystate status} in that
     * member's sandbox, so the server reads nothing members can write) and session commits not published.
     */
    @Override
    public List<String> unsavedWork(SessionId id) throws ComputeException {
        SessionRuntime r = sessions.get(id);
        if (r == null) {
            return List.of();
        }
        return r.unsavedWork();
    }

    @Override
    public Optional<String> isolationProblem() {
        return isolationProblem;
    }
}
