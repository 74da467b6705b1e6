package io.steadystate.compute.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.Identity;
import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionMode;
import io.steadystate.api.SessionSpec;
import io.steadystate.api.spi.ComputeException;
import io.steadystate.api.spi.ComputeProvider;
import io.steadystate.api.spi.ComputeProviderFactory;
import io.steadystate.api.spi.ComputeSettings;
import io.steadystate.api.spi.ProvisionedSession;
import io.steadystate.api.spi.RemoteExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local provider with real parts: JGit, MINA SSHD, pty4j, the system git, ssh and ssh-keygen. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LocalComputeProviderIT {

    @TempDir
    static Path tmp;

    static FakeGitHubKeys github;
    static Path repos;
    static Path source;
    static Path stubLauncher;
    static ComputeProvider provider;
    static Path dataDir;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        github = new FakeGitHubKeys();
        for (String login : List.of("alice", "bob", "mallory")) {
            run(tmp, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", login, "-f", tmp.resolve(login).toString());
            github.put(login, Files.readString(tmp.resolve(login + ".pub")));
        }
        github.put("carol", "");
        repos = Files.createDirectories(tmp.resolve("repos"));
        source = repos.resolve("project");
        run(repos, "git", "init", "-q", "-b", "main", source.toString());
        Files.writeString(source.resolve("README.md"), "# project\n");
        Files.createDirectories(source.resolve("src"));
        Files.writeString(source.resolve("src/app.txt"), "one\ntwo\n");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(source.resolve("feature.txt"), "feature\n");
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "feature");
        git("checkout", "-q", "main");

        // Prints what it was given, one argument a line: proves the words arrive as separate arguments.
        stubLauncher = tmp.resolve("fake-steadystate");
        Files.writeString(stubLauncher, "#!/bin/sh\necho \"argc:$#\"\nfor a in \"$@\"; do echo \"arg:$a\"; done\n"
                + "echo \"pwd:$(pwd)\"\necho \"home:$HOME\"\necho \"token-length:${#STEADYSTATE_TOKEN}\"\n"
                + "echo \"control:$STEADYSTATE_CONTROL_SOCKET\"\n");
        Files.setPosixFilePermissions(stubLauncher, PosixFilePermissions.fromString("rwx------"));

        dataDir = tmp.resolve("data");
        // Tests run inside this module, which provides the service but does not use it; the server does.
        LocalComputeProviderIT.class.getModule().addUses(ComputeProviderFactory.class);
        ComputeProviderFactory factory = ServiceLoader.load(ComputeProviderFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.name().equals("local")).findFirst().orElseThrow();
        provider = factory.create(new ComputeSettings(dataDir, "127.0.0.1", "127.0.0.1", Map.of(
                "GITHUB_BASE_URL", github.baseUrl(),
                "STEADYSTATE_ALLOWED_REPO_ROOTS", repos.toString(),
                "STEADYSTATE_LAUNCHER", stubLauncher.toString())));
    }

    @AfterAll
    static void tearDown() {
        if (provider != null) {
            provider.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void twoUsersGetTheirOwnWorktreesOthersAreRefusedAndTerminateCleansUp() throws Exception {
        SessionId id = SessionId.random();
        ProvisionedSession s = provider.provision(id, new SessionSpec(source.toString(), "feature", SessionMode.COLLAB,
                List.of("bob", "carol"), List.of(), "local"), new Identity("github", "1", "alice"));
        Path dir = dataDir.resolve("sessions").resolve(id.value());
        String featureHead = git("rev-parse", "feature").strip();

        // Layout.
        Path canonical = dir.resolve("canonical");
        assertThat(run(tmp, "git", "--git-dir", canonical.toString(), "rev-parse", "steadystate/collab/" + id).out().strip())
                .isEqualTo(featureHead);
        assertThat(run(tmp, "git", "--git-dir", canonical.toString(), "rev-parse", "--is-bare-repository").out().strip())
                .isEqualTo("true");
        assertThat(Files.readString(canonical.resolve("objects/info/alternates")).strip())
                .isEqualTo(source.resolve(".git/objects").toRealPath().toString());
        try (var packs = Files.list(canonical.resolve("objects/pack"))) {
            assertThat(packs.toList()).as("no objects copied from a local source").isEmpty();
        }
        for (String d : List.of("", "canonical", "ssh", "bin", "users")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(d)))).as(d).isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ssh/ssh_host_ed25519_key"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("bin/steadystate"))).contains(stubLauncher.toString());
        assertThat(dir.resolve("sync-log")).exists();
        String info = Files.readString(dir.resolve("session-info.json"));
        assertThat(info).contains(s.hostPublicKey()).contains("\"ssh_port\":" + s.sshPort()).contains("\"ssh_user\":\"steadystate\"");
        MagicLink link = MagicLink.parse(s.magicLink());
        assertThat(link.sshPort()).isEqualTo(s.sshPort());
        assertThat(link.hostPublicKey()).isEqualTo(s.hostPublicKey());
        assertThat(provider.isAlive(id)).isTrue();

        Path knownHosts = tmp.resolve("known_hosts-" + id);
        Files.writeString(knownHosts, "[127.0.0.1]:" + s.sshPort() + " " + s.hostPublicKey() + "\n");

        // alice and bob each land in their own worktree, on a real terminal, detached at the session branch.
        Files.writeString(dataDir.resolve("jwt-signing-key.json"), "server-signing-key-material");
        String script = "pwd; git rev-parse HEAD; cat .steadystate/steadystate.json; echo; git config user.name;"
                + " tty; git status --porcelain >/dev/null && git status --porcelain | wc -l;"
                + " cat " + dataDir.resolve("jwt-signing-key.json") + "; exit 0\n";
        Result alice = ssh("alice", s, knownHosts, script, "-tt");
        assertThat(alice.exit()).as(alice.toString()).isZero();
        assertThat(alice.out()).contains(dir.resolve("users/alice/work").toString()).contains(featureHead)
                .contains("\"user\":\"alice\"").contains("\"last_synced_commit\":\"" + featureHead + "\"")
                .containsPattern("(?m)^/dev/(pts/[0-9]+|console)\\r?$");
        assertThat(alice.out()).containsPattern("(?m)^alice\\r?$").containsPattern("(?m)^0\\r?$");
        if (provider.isolationProblem().isEmpty()) {
            // Sandboxed: the server's secrets are not even there.
            assertThat(alice.out()).contains("No such file").doesNotContain("server-signing-key-material");
        }
        Result bob = ssh("bob", s, knownHosts, script, "-tt");
        assertThat(bob.exit()).as(bob.toString()).isZero();
        assertThat(bob.out()).contains(dir.resolve("users/bob/work").toString()).contains("\"user\":\"bob\"")
                .containsPattern("(?m)^bob\\r?$");
        assertThat(Files.readString(dir.resolve("users/bob/work/feature.txt"))).isEqualTo("feature\n");

        // exec runs only the session's steadystate, with the words as separate arguments.
        Result exec = ssh("alice", s, knownHosts, "", "steadystate", "--version", "sync");
        assertThat(exec.exit()).as(exec.toString()).isZero();
        assertThat(exec.out()).contains("argc:2\narg:--version\narg:sync\n")
                .contains("pwd:" + dir.resolve("users/alice/work")).contains("home:" + dir.resolve("users/alice"))
                .contains("token-length:43\n").contains("control:" + dir.resolve("run/control.sock") + "\n");
        for (String refused : List.of("ls", "steadystate; rm -rf /", "steadystate $(id)")) {
            Result r = ssh("alice", s, knownHosts, "", refused);
            assertThat(r.exit()).as(refused).isEqualTo(126);
            assertThat(r.err()).contains("only 'steadystate <subcommand>'");
        }

        // A key of nobody invited, and a key of an invited user under another SSH user name, are refused.
        Result mallory = ssh("mallory", s, knownHosts, "", "steadystate", "--version");
        assertThat(mallory.exit()).isEqualTo(255);
        assertThat(mallory.err()).contains("Permission denied");

        // The executor runs commands in the session with a timeout.
        RemoteExecutor executor = provider.executor(id);
        RemoteExecutor.ExecResult rev = executor.run(List.of("git", "--git-dir", "canonical", "rev-parse", "HEAD"),
                Duration.ofSeconds(30));
        assertThat(rev.exitCode()).isZero();
        assertThat(new String(rev.stdout(), StandardCharsets.UTF_8).strip()).isEqualTo(featureHead);
        long t0 = System.nanoTime();
        RemoteExecutor.ExecResult slow = executor.run(List.of("sleep", "30"), Duration.ofMillis(500));
        assertThat(slow.exitCode()).isEqualTo(124);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));

        // The activity log recorded who came and went; carol's missing keys are explained.
        String activity = waitForLog(dir.resolve("activity-log"), "\"user\":\"bob\",\"event\":\"disconnect\"");
        assertThat(activity).contains("\"user\":\"alice\",\"event\":\"connect\"")
                .contains("\"user\":\"alice\",\"event\":\"disconnect\"")
                .contains("\"user\":\"bob\",\"event\":\"connect\"")
                .contains("\"event\":\"refused\"")
                .contains("carol has no SSH public keys");
        assertThat(activity).doesNotContain("mallory");

        // Terminate: no port, no folder; twice is fine.
        provider.terminate(id);
        assertThat(provider.isAlive(id)).isFalse();
        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", s.sshPort()), 2000);
            }
        }).isInstanceOf(ConnectException.class);
        provider.terminate(id);
    }

    @Test
    void pairModeSharesOneTerminalWithTheCreatorAndAViewer() throws Exception {
        SessionId id = SessionId.random();
        java.time.Instant before = java.time.Instant.now();
        ProvisionedSession s = provider.provision(id, new SessionSpec(source.toUri().toString(), null, SessionMode.PAIR,
                List.of(), List.of("bob"), null), new Identity("github", "1", "alice"));
        Path dir = dataDir.resolve("sessions").resolve(id.value());
        Path knownHosts = tmp.resolve("known_hosts-" + id);
        Files.writeString(knownHosts, "[127.0.0.1]:" + s.sshPort() + " " + s.hostPublicKey() + "\n");
        Process alice = new ProcessBuilder(sshArgs("alice", s, knownHosts, List.of("-tt"))).redirectErrorStream(true).start();
        ByteArrayOutputStream aliceSees = new ByteArrayOutputStream();
        Thread.ofVirtual().start(() -> copy(alice.getInputStream(), aliceSees));
        Process bob = null;
        try {
            // tmux discards what was typed before it took over the terminal: wait for its screen first.
            awaitOutput(aliceSees, "[pair]");
            // Someone is connected: the idle reaper sees the session as active now.
            assertThat(provider.lastActivity(id)).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before));
            type(alice, "echo shared-$((40+2)) tok-${#STEADYSTATE_TOKEN}\n");
            try {
                // The shared terminal runs with a token (the creator's) like every session shell.
                awaitPane(dir, "shared-42 tok-43");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nalice saw: " + aliceSees.toString(StandardCharsets.UTF_8)
                        + "\nactivity: " + Files.readString(dir.resolve("activity-log")), e);
            }
            bob = new ProcessBuilder(sshArgs("bob", s, knownHosts, List.of("-tt"))).redirectErrorStream(true).start();
            ByteArrayOutputStream bobSees = new ByteArrayOutputStream();
            Process viewer = bob;
            Thread.ofVirtual().start(() -> copy(viewer.getInputStream(), bobSees));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!bobSees.toString(StandardCharsets.UTF_8).contains("shared-42") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(bobSees.toString(StandardCharsets.UTF_8)).as("the viewer sees the shared screen").contains("shared-42");

            awaitOutput(bobSees, "[view-");
        } finally {
            provider.terminate(id);
            alice.destroyForcibly();
            if (bob != null) {
                bob.destroyForcibly();
            }
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aViewerTypingChangesNothingAndTheWriterGoesOn() throws Exception {
        SessionId id = SessionId.random();
        ProvisionedSession s = provider.provision(id, new SessionSpec(source.toUri().toString(), null, SessionMode.PAIR,
                List.of(), List.of("bob"), null), new Identity("github", "1", "alice"));
        Path dir = dataDir.resolve("sessions").resolve(id.value());
        Path knownHosts = tmp.resolve("known_hosts-" + id);
        Files.writeString(knownHosts, "[127.0.0.1]:" + s.sshPort() + " " + s.hostPublicKey() + "\n");
        Process alice = new ProcessBuilder(sshArgs("alice", s, knownHosts, List.of("-tt"))).redirectErrorStream(true).start();
        Process bob = new ProcessBuilder(sshArgs("bob", s, knownHosts, List.of("-tt"))).redirectErrorStream(true).start();
        ByteArrayOutputStream aliceSees = new ByteArrayOutputStream();
        ByteArrayOutputStream bobSees = new ByteArrayOutputStream();
        Thread.ofVirtual().start(() -> copy(alice.getInputStream(), aliceSees));
        Thread.ofVirtual().start(() -> copy(bob.getInputStream(), bobSees));
        try {
            awaitOutput(aliceSees, "[pair]");
            awaitOutput(bobSees, "[view-");
            type(bob, "echo viewer-$((40+3))\n");
            type(alice, "echo writer-$((40+4))\n");
            String pane = awaitPane(dir, "writer-44");
            assertThat(pane).doesNotContain("viewer-43");
        } finally {
            provider.terminate(id);
            alice.destroyForcibly();
            bob.destroyForcibly();
        }
    }

    private static void awaitOutput(ByteArrayOutputStream seen, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!seen.toString(StandardCharsets.UTF_8).contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(seen.toString(StandardCharsets.UTF_8)).contains(expected);
    }

    private static void type(Process client, String keys) throws IOException {
        client.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().flush();
    }

    /** The shared pane's text once it shows {@code expected} (bounded wait). */
    private static String awaitPane(Path sessionDir, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String pane = "";
        while (System.nanoTime() < deadline) {
            Result r = exec(tmp, "", List.of("tmux", "-S", sessionDir.resolve("pair/pair.sock").toString(),
                    "capture-pane", "-p", "-t", "pair"));
            pane = r.out();
            if (r.exit() == 0 && pane.contains(expected)) {
                return pane;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the shared pane never showed " + expected + ":\n" + pane);
    }

    @Test
    void anInteractiveShellIsEndedByTerminate() throws Exception {
        SessionId id = SessionId.random();
        ProvisionedSession s = provider.provision(id, new SessionSpec(source.toUri().toString(), null, SessionMode.COLLAB,
                List.of(), List.of(), null), new Identity("github", "1", "alice"));
        Path dir = dataDir.resolve("sessions").resolve(id.value());
        assertThat(run(tmp, "git", "--git-dir", dir.resolve("canonical").toString(), "rev-parse",
                "steadystate/collab/" + id).out().strip()).isEqualTo(git("rev-parse", "main").strip());
        Path knownHosts = tmp.resolve("known_hosts-" + id);
        Files.writeString(knownHosts, "[127.0.0.1]:" + s.sshPort() + " " + s.hostPublicKey() + "\n");
        Process client = new ProcessBuilder(sshArgs("alice", s, knownHosts, List.of("-tt")))
                .redirectErrorStream(true).start();
        OutputStream stdin = client.getOutputStream();
        stdin.write("echo ready-$((40+2))\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> copy(client.getInputStream(), seen));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!seen.toString(StandardCharsets.UTF_8).contains("ready-42") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(seen.toString(StandardCharsets.UTF_8)).contains("ready-42");
        provider.terminate(id);
        assertThat(client.waitFor(20, TimeUnit.SECONDS)).as("the client was disconnected").isTrue();
        reader.join(Duration.ofSeconds(5));
        assertThat(dir).doesNotExist();
        assertThat(provider.isAlive(id)).isFalse();
    }

    /** Runs inside a session shell: asks the control socket who it is, with the shell's token. */
    private static final String PROBE = """
            import java.net.StandardProtocolFamily;
            import java.net.UnixDomainSocketAddress;
            import java.nio.ByteBuffer;
            import java.nio.channels.Channels;
            import java.nio.channels.SocketChannel;
            import java.nio.charset.StandardCharsets;

            class Probe {
                public static void main(String[] args) throws Exception {
                    try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        c.connect(UnixDomainSocketAddress.of(System.getenv("STEADYSTATE_CONTROL_SOCKET")));
                        String request = "{\\"op\\":\\"whoami\\",\\"token\\":\\"" + System.getenv("STEADYSTATE_TOKEN") + "\\"}\\n";
                        c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
                        System.out.println("probe:" + new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8).strip());
                    }
                }
            }
            """;

    @Test
    void aConnectionsTokenProvesItsUserOnTheControlSocketUntilTheConnectionCloses() throws Exception {
        SessionId id = SessionId.random();
        ProvisionedSession s = provider.provision(id, new SessionSpec(source.toUri().toString(), null, SessionMode.COLLAB,
                List.of("bob"), List.of(), null), new Identity("github", "1", "alice"));
        Path dir = dataDir.resolve("sessions").resolve(id.value());
        Path control = dir.resolve("run/control.sock");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(control))).isEqualTo("rw-------");
        Path knownHosts = tmp.resolve("known_hosts-" + id);
        Files.writeString(knownHosts, "[127.0.0.1]:" + s.sshPort() + " " + s.hostPublicKey() + "\n");
        Process client = new ProcessBuilder(sshArgs("alice", s, knownHosts, List.of("-tt"))).redirectErrorStream(true).start();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        Thread.ofVirtual().start(() -> copy(client.getInputStream(), seen));
        try {
            type(client, "echo tok:$STEADYSTATE_TOKEN:end\n");
            java.util.regex.Pattern expanded = java.util.regex.Pattern.compile("tok:([A-Za-z0-9_-]{43}):end");
            java.util.regex.Matcher m = expanded.matcher("");
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!(m = expanded.matcher(seen.toString(StandardCharsets.UTF_8))).find() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(m.find(0)).as(seen.toString(StandardCharsets.UTF_8)).isTrue();
            String token = m.group(1);

            // From inside the session (its sandbox, when there is one), the shell's token says: alice. The probe
            // goes in her home, the only part of the session folder her shell sees besides read-only ones.
            Files.writeString(dir.resolve("users/alice/Probe.java"), PROBE);
            type(client, Path.of(System.getProperty("java.home"), "bin", "java") + " " + dir.resolve("users/alice/Probe.java") + "\n");
            awaitOutput(seen, "probe:{\"ok\":true,\"login\":\"alice\",\"worktree\":\"" + dir.resolve("users/alice/work") + "\"");
            assertThat(controlRequest(control, "{\"op\":\"whoami\",\"token\":\"" + token + "\"}"))
                    .contains("\"login\":\"alice\"").contains("\"session_id\":\"" + id + "\"");

            // A second connection gets a token of its own.
            Result bob = ssh("bob", s, knownHosts, "", "steadystate", "x");
            assertThat(bob.out()).contains("token-length:43");

            type(client, "exit\n");
            assertThat(client.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String after = controlRequest(control, "{\"op\":\"whoami\",\"token\":\"" + token + "\"}");
            while (!after.contains("unauthorized") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                after = controlRequest(control, "{\"op\":\"whoami\",\"token\":\"" + token + "\"}");
            }
            assertThat(after).as("the token ends with its connection").contains("\"error\":\"unauthorized\"");
            assertThat(Files.readString(dir.resolve("activity-log"))).doesNotContain(token);
        } finally {
            client.destroyForcibly();
            provider.terminate(id);
        }
        assertThat(control).doesNotExist();
    }

    private static String controlRequest(Path socket, String line) throws IOException {
        try (java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            c.connect(java.net.UnixDomainSocketAddress.of(socket));
            c.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return new String(java.nio.channels.Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void provisioningFailsCleanlyWithAReason() {
        SessionSpec spec = new SessionSpec(source.toString(), null, SessionMode.COLLAB, List.of(), List.of(), null);
        SessionId noKeys = SessionId.random();
        assertThatThrownBy(() -> provider.provision(noKeys, spec, new Identity("github", "3", "carol")))
                .isInstanceOf(ComputeException.class).hasMessageContaining("carol has no SSH public keys");
        assertThat(dataDir.resolve("sessions").resolve(noKeys.value())).doesNotExist();
        SessionId unknown = SessionId.random();
        assertThatThrownBy(() -> provider.provision(unknown, spec, new Identity("github", "4", "nobody")))
                .isInstanceOf(ComputeException.class).hasMessageContaining("404");
        SessionId badBranch = SessionId.random();
        assertThatThrownBy(() -> provider.provision(badBranch, new SessionSpec(source.toString(), "nope",
                SessionMode.COLLAB, List.of(), List.of(), null), new Identity("github", "1", "alice")))
                .isInstanceOf(ComputeException.class).hasMessageContaining("no branch 'nope'");
        assertThat(dataDir.resolve("sessions").resolve(badBranch.value())).doesNotExist();
        for (String url : List.of("http://example.com/r.git", "-uhttps://x/y", tmp.toString())) {
            assertThatThrownBy(() -> provider.provision(SessionId.random(), new SessionSpec(url, null,
                    SessionMode.COLLAB, List.of(), List.of(), null), new Identity("github", "1", "alice")))
                    .as(url).isInstanceOf(ComputeException.class);
        }
    }

    private static String waitForLog(Path log, String needle) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String text = Files.readString(log);
        while (!text.contains(needle) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            text = Files.readString(log);
        }
        return text;
    }

    private static List<String> sshArgs(String login, ProvisionedSession s, Path knownHosts, List<String> extra) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-i", tmp.resolve(login).toString(), "-p",
                Integer.toString(s.sshPort()), "-o", "StrictHostKeyChecking=yes", "-o",
                "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-F", "/dev/null"));
        argv.addAll(extra.stream().filter(a -> a.startsWith("-")).toList());
        argv.add(s.sshUser() + "@127.0.0.1");
        argv.addAll(extra.stream().filter(a -> !a.startsWith("-")).toList());
        return argv;
    }

    /** Runs the system ssh; {@code words} are ssh options (leading '-') or the remote command. */
    private static Result ssh(String login, ProvisionedSession s, Path knownHosts, String stdin, String... words)
            throws Exception {
        List<String> extra = new ArrayList<>();
        List<String> command = new ArrayList<>();
        for (String w : words) {
            if (w.startsWith("-") && command.isEmpty()) {
                extra.add(w);
            } else {
                command.add(w);
            }
        }
        List<String> argv = new ArrayList<>(sshArgs(login, s, knownHosts, extra));
        if (!command.isEmpty()) {
            argv.add(String.join(" ", command));
        }
        return exec(tmp, stdin, argv);
    }

    private static String git(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", source.toString()));
        argv.addAll(List.of(args));
        Result r = exec(tmp, "", argv);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.out();
    }

    private static Result run(Path cwd, String... argv) throws Exception {
        Result r = exec(cwd, "", List.of(argv));
        assertThat(r.exit()).as(String.join(" ", argv) + " -> " + r).isZero();
        return r;
    }

    private static Result exec(Path cwd, String stdin, List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread t2 = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the program did not read its input
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + argv);
        }
        t1.join(Duration.ofSeconds(5));
        t2.join(Duration.ofSeconds(5));
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }
}
