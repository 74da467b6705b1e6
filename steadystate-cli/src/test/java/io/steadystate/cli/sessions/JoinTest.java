package io.steadystate.cli.sessions;

import static io.steadystate.cli.sessions.SshInvocationTest.KEY;
import static io.steadystate.cli.sessions.SshInvocationTest.OTHER_KEY;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionMode;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.CliException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinTest {

    @TempDir
    Path cfg;

    private final List<List<String>> started = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void captureOutput() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(stdout, true, UTF_8));
        System.setErr(new PrintStream(stderr, true, UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private static MagicLink link(String key) {
        return new MagicLink(SessionMode.COLLAB, new SessionId("abcdefgh12345678"), "steady", "127.0.0.1", 40022, key);
    }

    private Join join(Optional<Path> ssh, int exitCode) {
        return new Join(KnownHosts.in(cfg), name -> name.equals("ssh") ? ssh : Optional.empty(), argv -> {
            started.add(argv);
            return exitCode;
        });
    }

    private int run(Join join, MagicLink link, boolean print) {
        return join.run(link, print, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void pinsThenRunsSshAndPassesItsExitCodeOn() throws IOException {
        int exit = run(join(Optional.of(Path.of("/usr/bin/ssh")), 42), link(KEY), false);
        assertThat(exit).isEqualTo(42);
        assertThat(started).containsExactly(List.of("/usr/bin/ssh", "-p", "40022", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + cfg.resolve("known_hosts"), "-o", "HostKeyAlgorithms=ssh-ed25519",
                "-o", "CheckHostIP=no", "-tt", "steady@127.0.0.1"));
        assertThat(Files.readString(cfg.resolve("known_hosts"))).isEqualTo("[127.0.0.1]:40022 " + KEY + "\n");
        assertThat(err.toString()).contains("Pinned the host key of [127.0.0.1]:40022 (SHA256:");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theSameKeyJoinsAgainQuietly() {
        run(join(Optional.of(Path.of("/usr/bin/ssh")), 0), link(KEY), false);
        err.getBuffer().setLength(0);
        assertThat(run(join(Optional.of(Path.of("/usr/bin/ssh")), 0), link(KEY), false)).isZero();
        assertThat(started).hasSize(2);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aChangedHostKeyIsRefusedAndSshNotRun() throws IOException {
        run(join(Optional.of(Path.of("/usr/bin/ssh")), 0), link(KEY), false);
        started.clear();
        assertThatThrownBy(() -> run(join(Optional.of(Path.of("/usr/bin/ssh")), 0), link(OTHER_KEY), false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("the host key of [127.0.0.1]:40022 changed; if the session was recreated, remove its line "
                        + "from " + cfg.resolve("known_hosts"));
        assertThat(started).isEmpty();
        assertThat(Files.readString(cfg.resolve("known_hosts"))).isEqualTo("[127.0.0.1]:40022 " + KEY + "\n");
    }

    @Test
    void sshMissingIsAClearError() {
        assertThatThrownBy(() -> run(join(Optional.empty(), 0), link(KEY), false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(255))
                .hasMessageContaining("ssh was not found on PATH");
        assertThat(started).isEmpty();
    }

    @Test
    void sshThatCannotStartIsAClearError() {
        Join join = new Join(KnownHosts.in(cfg), name -> Optional.of(Path.of("/nowhere/ssh")), argv -> {
            throw new IOException("No such file or directory");
        });
        assertThatThrownBy(() -> run(join, link(KEY), false))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(255))
                .hasMessage("cannot run /nowhere/ssh: No such file or directory");
    }

    @Test
    void printShowsTheCommandWithoutRunningIt() {
        assertThat(run(join(Optional.empty(), 0), link(KEY), true)).isZero();
        assertThat(started).isEmpty();
        assertThat(out.toString()).isEqualTo("ssh -p 40022 -o StrictHostKeyChecking=yes -o UserKnownHostsFile="
                + cfg.resolve("known_hosts") + " -o HostKeyAlgorithms=ssh-ed25519 -o CheckHostIP=no -tt steady@127.0.0.1\n");
    }

    @Test
    void joinPrintThroughTheCommandLinePinsAndPrints() throws IOException {
        Map<String, String> env = Map.of("STEADYSTATE_CONFIG_DIR", cfg.toString(), "PATH", "");
        assertThat(Main.run(env, "join", "--print", link(KEY).toString())).isZero();
        assertThat(stdout.toString(UTF_8)).startsWith("ssh -p 40022 -o StrictHostKeyChecking=yes").endsWith(" -tt steady@127.0.0.1\n");
        assertThat(Files.readString(cfg.resolve("known_hosts"))).isEqualTo("[127.0.0.1]:40022 " + KEY + "\n");

        stdout.reset();
        assertThat(Main.run(env, "join", "--print", link(OTHER_KEY).toString())).isEqualTo(1);
        assertThat(stdout.toString(UTF_8)).isEmpty();
        assertThat(stderr.toString(UTF_8)).contains("error: the host key of [127.0.0.1]:40022 changed;");
    }

    @Test
    void withoutSshOnPathTheCommandEndsWith255() {
        Map<String, String> env = Map.of("STEADYSTATE_CONFIG_DIR", cfg.toString(), "PATH", cfg.toString());
        assertThat(Main.run(env, "join", link(KEY).toString())).isEqualTo(255);
        assertThat(stderr.toString(UTF_8)).contains("error: ssh was not found on PATH");
    }

    @Test
    void malformedLinksAreUsageErrorsThatSayWhatIsWrong() {
        Map<String, String> env = Map.of("STEADYSTATE_CONFIG_DIR", cfg.toString());
        String good = link(KEY).toString();
        Map<String, String> cases = Map.of(
                "https://example.com/x", "a magic link starts with steadystate://",
                good.replace("collab", "solo"), "mode must be collab or pair",
                good.replace("ssh=ssh%3A%2F%2Fsteady", "ssh=ssh%3A%2F%2F-oProxyCommand%3Dx"), "plain user name",
                good.replace("host_key=ssh-ed25519", "host_key=ssh-dss"), "the host key must look like",
                good + "&extra=1", "exactly 'ssh' and 'host_key'",
                "", "the magic link is empty");
        cases.forEach((text, why) -> {
            stderr.reset();
            assertThat(Main.run(env, "join", text)).as(text).isEqualTo(129);
            assertThat(stderr.toString(UTF_8)).as(text).startsWith("error: not a valid magic link: ").contains(why);
        });
        assertThat(Files.exists(cfg.resolve("known_hosts"))).isFalse();
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(Main.run(Map.of(), "join", "--help")).isZero();
        assertThat(stdout.toString(UTF_8)).contains("Exit codes:").contains("129").contains("StrictHostKeyChecking=yes");
    }
}
