package io.steadystate.compute.local.isolation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real commands through bubblewrap for "session A" and checks what they can and cannot see.
 *
 * <p>Layout, made the hard way on purpose: the server's data dir lies <em>inside</em> the launcher
 * directory (as when a server runs from its checkout), so a read-only bind of the launcher would show
 * the JWT key and session B unless the sandbox masks the data dir.
 */
class SandboxIT {

    private static final String JWT_SECRET = "jwt-secret-3f9d0b";
    private static final String B_SECRET = "session-b-secret-81aa2c";
    /** Set on the test JVM by the failsafe configuration; must never be readable in a sandbox. */
    private static final String JVM_ENV_MARKER = "STEADYSTATE_TEST_SERVER_SECRET";

    private static Sandbox sandbox;

    @TempDir
    Path tmp;

    private Path checkout;
    private Path dataDir;
    private Path sessionA;
    private Path sessionB;
    private SandboxPolicy policyA;

    @BeforeAll
    static void needBubblewrap() {
        assumeTrue(Sandbox.available(),
                () -> "skipped: bubblewrap cannot run sandboxes here: " + Sandbox.unavailableReason().orElse("?"));
        sandbox = Sandbox.detect().orElseThrow();
    }

    @BeforeEach
    void layout() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("checkout"));
        Files.createDirectories(checkout.resolve("bin"));
        Files.writeString(checkout.resolve("bin/steadystate"), "#!/bin/sh\necho launcher\n");
        dataDir = Files.createDirectories(checkout.resolve("target/data"));
        Files.writeString(dataDir.resolve("jwt-signing-key.json"), "{\"k\":\"" + JWT_SECRET + "\"}");
        sessionA = Files.createDirectories(dataDir.resolve("sessions/A"));
        sessionB = Files.createDirectories(dataDir.resolve("sessions/B"));
        Files.writeString(sessionA.resolve("notes.txt"), "hello from A\n");
        Files.writeString(sessionB.resolve("secret.txt"), B_SECRET);
        Path javaHome = Path.of(System.getProperty("java.home"));
        policyA = SandboxPolicy.of(sessionA, dataDir, javaHome, checkout);
    }

    @Test
    void sessionReadsAndWritesItsOwnDirectory() throws Exception {
        Result read = run("cat", sessionA.resolve("notes.txt").toString());
        assertThat(read.exit()).as(read.toString()).isZero();
        assertThat(read.out()).isEqualTo("hello from A\n");

        Result write = run("sh", "-c", "echo written-inside > new.txt && mkdir -p sub && echo x > sub/y");
        assertThat(write.exit()).as(write.toString()).isZero();
        assertThat(Files.readString(sessionA.resolve("new.txt"))).isEqualTo("written-inside\n");
        assertThat(sessionA.resolve("sub/y")).exists();
    }

    @Test
    void otherSessionsAndTheDataDirAreInvisible() throws Exception {
        Result secretB = run("cat", sessionB.resolve("secret.txt").toString());
        assertThat(secretB.exit()).isNotZero();
        assertThat(secretB.out()).doesNotContain(B_SECRET);
        assertThat(secretB.err()).contains("No such file or directory");

        Result key = run("cat", dataDir.resolve("jwt-signing-key.json").toString());
        assertThat(key.exit()).isNotZero();
        assertThat(key.out()).doesNotContain(JWT_SECRET);
        assertThat(key.err()).contains("No such file or directory");

        // The folder of all sessions shows only A (as the mount point of its bind), not B.
        Result sessions = run("ls", "-a", sessionA.getParent().toString());
        assertThat(sessions.exit()).as(sessions.toString()).isZero();
        assertThat(sessions.out().lines()).containsExactlyInAnyOrder(".", "..", "A");

        // Nothing visible under the test's folder (checkout, data dir, sessions), /etc or /tmp holds either secret.
        Result grep = run("grep", "-rIl", "-e", JWT_SECRET, "-e", B_SECRET, tmp.toString(), "/etc", "/tmp");
        assertThat(grep.out()).isEmpty();
    }

    @Test
    void launcherAndSystemAreReadOnly() throws Exception {
        Result launcher = run("sh", checkout.resolve("bin/steadystate").toString());
        assertThat(launcher.exit()).as(launcher.toString()).isZero();
        assertThat(launcher.out()).isEqualTo("launcher\n");

        Result writeLauncher = run("sh", "-c", "echo x > " + checkout.resolve("bin/evil"));
        assertThat(writeLauncher.exit()).isNotZero();
        assertThat(checkout.resolve("bin/evil")).doesNotExist();

        Result writeUsr = run("touch", "/usr/evil");
        assertThat(writeUsr.exit()).isNotZero();
        assertThat(Path.of("/usr/evil")).doesNotExist();

        Result java = run(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version");
        assertThat(java.exit()).as(java.toString()).isZero();
    }

    @Test
    void etcSecretsAreNotBound() throws Exception {
        Result ls = run("sh", "-c", "ls -d /etc/passwd /etc/shadow /etc/gshadow /etc/ssl/private /etc/ssh/ssh_host_ed25519_key 2>/dev/null; true");
        assertThat(ls.out().lines()).containsExactly("/etc/passwd");
    }

    @Test
    void theServerProcessIsNotVisible() throws Exception {
        long jvmPid = ProcessHandle.current().pid();

        Result environ = run("cat", "/proc/" + jvmPid + "/environ");
        assertThat(environ.exit()).isNotZero();
        assertThat(environ.out()).doesNotContain(JVM_ENV_MARKER);

        // The PID namespace holds only bwrap (as PID 1) and the command: the test JVM is not there at all.
        Result pids = run("sh", "-c", "cd /proc && ls -d [0-9]*");
        assertThat(pids.exit()).as(pids.toString()).isZero();
        List<Long> visible = pids.out().lines().map(Long::parseLong).toList();
        assertThat(visible).allSatisfy(pid -> assertThat(pid).isLessThan(10L));
        if (jvmPid >= 10) {
            assertThat(visible).doesNotContain(jvmPid);
        }

        // No visible process, bwrap's own PID 1 included, carries the test JVM's environment.
        assertThat(System.getenv(JVM_ENV_MARKER)).as("failsafe sets the marker on the test JVM").isNotBlank();
        Result allEnv = run("sh", "-c", "cat /proc/[0-9]*/environ | tr '\\0' '\\n'");
        assertThat(allEnv.out()).doesNotContain(JVM_ENV_MARKER).doesNotContain(System.getenv(JVM_ENV_MARKER));
    }

    @Test
    void sandboxedProcessSeesItselfAsALowPid() throws Exception {
        Result self = run("sh", "-c", "echo $$");
        assertThat(self.exit()).as(self.toString()).isZero();
        assertThat(Long.parseLong(self.out().strip())).isBetween(1L, 5L);
    }

    @Test
    void onlyTheVariablesPassedInExist() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", sessionA.toString());
        env.put("PATH", "/usr/bin:/bin");
        env.put("STEADYSTATE_SESSION_ID", "A");
        Result result = runWith(env, "env");
        assertThat(result.exit()).as(result.toString()).isZero();
        // bwrap adds PWD for its --chdir; nothing else of the JVM's environment comes through.
        assertThat(result.out().lines().map(l -> l.substring(0, l.indexOf('='))))
                .containsExactlyInAnyOrder("HOME", "PATH", "STEADYSTATE_SESSION_ID", "PWD");
        assertThat(result.out()).contains("PWD=" + sessionA.toRealPath() + "\n");
        assertThat(result.out()).contains("STEADYSTATE_SESSION_ID=A\n");
    }

    @Test
    void hostNameIsTheSandboxes() throws Exception {
        Result result = run("cat", "/proc/sys/kernel/hostname");
        assertThat(result.out().strip()).isEqualTo("steadystate");
    }

    @Test
    void networkIsSharedSoTheForgeStaysReachable() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(20_000);
            CompletableFuture<String> greeting = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    return new String(in.readAllBytes(), UTF_8);
                } catch (IOException e) {
                    return "failed: " + e;
                }
            });
            Result result = run("bash", "-c", "echo from-sandbox > /dev/tcp/127.0.0.1/" + server.getLocalPort());
            assertThat(result.exit()).as(result.toString()).isZero();
            assertThat(greeting.get(20, TimeUnit.SECONDS)).isEqualTo("from-sandbox\n");
        }
    }

    private Result run(String... command) throws Exception {
        return runWith(Map.of("PATH", "/usr/bin:/bin", "HOME", sessionA.toString()), command);
    }

    private Result runWith(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = sandbox.processBuilder(policyA, Sandbox.Terminal.DETACHED, sessionA, env, Arrays.asList(command));
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("sandboxed %s finished in time", pb.command()).isTrue();
            return new Result(p.exitValue(), new String(out.get(10, TimeUnit.SECONDS), UTF_8),
                    new String(err.get(10, TimeUnit.SECONDS), UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    record Result(int exit, String out, String err) {}
}
