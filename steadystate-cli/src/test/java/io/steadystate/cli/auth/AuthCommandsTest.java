package io.steadystate.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.wire.DeviceStartResponse;
import io.steadystate.api.wire.PollResponse;
import io.steadystate.cli.Main;
import io.steadystate.cli.auth.SessionFile.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import io.steadystate.cli.CapturedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * login, logout and whoami where no server is needed: not logged in, bad configuration, a server that is
 * not there, help texts. Driving them against a real server is the integration tests' job.
 */
class AuthCommandsTest {

    @TempDir
    Path cfg;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();





    private Map<String, String> env(String backend) {
        return Map.of("STEADYSTATE_CONFIG_DIR", cfg.toString(), "STEADYSTATE_BACKEND_URL", backend);
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void whoamiWithoutLoginSaysSo() {
        assertThat(Main.run(env("http://localhost:3000"), "whoami")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("error: not logged in; run steadystate login\n");
        assertThat(Main.run(env("http://localhost:3000"), "whoami", "--json")).isEqualTo(1);
        assertThat(output.out()).isEmpty();
    }

    @Test
    void whoamiForAnotherServerIsNotLoggedIn() throws IOException {
        new SessionFile(cfg).write(new Session("j.w.t", "alice", "github", "http://other:3000", null, "file"));
        assertThat(Main.run(env("http://localhost:3000"), "whoami")).isEqualTo(1);
        assertThat(output.err()).contains("not logged in to http://localhost:3000 (logged in to http://other:3000)");
    }

    @Test
    void logoutWithoutLoginSaysSo() {
        assertThat(Main.run(env("http://localhost:3000"), "logout")).isEqualTo(1);
        assertThat(output.err()).isEqualTo("error: not logged in\n");
    }

    /** Connects to a closed port, so it waits through the real backoff (about 1.5 to 3 s). */
    @Test
    void logoutWithTheServerDownStillForgetsTheLogin() throws IOException {
        String backend = closedPortUrl();
        new SessionFile(cfg).write(new Session("j.w.t", "alice", "github", backend, null, "file"));
        new FileCredentialStore(cfg).store(backend, "r-1");
        assertThat(Main.run(env("http://localhost:3000"), "logout")).isZero();
        assertThat(output.err()).contains("the refresh token could not be revoked on the server")
                .contains("cannot reach the SteadyState server at " + backend);
        assertThat(output.out()).isEqualTo("Logged out on this machine\n");
        try (var files = Files.list(cfg)) {
            assertThat(files).isEmpty();
        }
        assertThat(Main.run(env("http://localhost:3000"), "logout")).isEqualTo(1);
    }

    /** Connects to a closed port, so it waits through the real backoff (about 1.5 to 3 s). */
    @Test
    void loginWithTheServerDownIsExitCode2() throws IOException {
        String backend = closedPortUrl();
        assertThat(Main.run(env(backend), "login", "--provider", "github")).isEqualTo(2);
        assertThat(output.err()).startsWith("error: cannot reach the SteadyState server at " + backend);
        assertThat(Files.exists(cfg.resolve("session.json"))).isFalse();
    }

    @Test
    void badBackendUrlIsAClearError() {
        assertThat(Main.run(env("localhost:3000"), "login")).isEqualTo(255);
        assertThat(output.err()).contains("STEADYSTATE_BACKEND_URL='localhost:3000' is not a valid backend URL")
                .contains("http:// or https://");
    }

    @Test
    void unknownOptionIsWrongUsage() {
        assertThat(Main.run(env("http://localhost:3000"), "whoami", "--yaml")).isEqualTo(129);
        assertThat(Main.run(env("http://localhost:3000"), "login", "--provider")).isEqualTo(129);
    }

    @Test
    void helpListsTheExitCodes() {
        for (String command : new String[] {"login", "logout", "whoami"}) {
            output.reset();
            assertThat(Main.run(env("http://localhost:3000"), command, "--help")).isZero();
            assertThat(output.out()).as(command).contains("Usage: steadystate " + command).contains("Exit codes:")
                    .containsPattern("\\n +0 +\\S").containsPattern("\\n +1 +\\S")
                    .containsPattern("\\n +129 +wrong usage").containsPattern("\\n +255 +\\S");
        }
        assertThat(output.out()).contains("--json");
    }

    @Test
    void slowDownWaitsLonger() {
        assertThat(LoginCommand.nextInterval(5, PollResponse.pending())).isEqualTo(5);
        assertThat(LoginCommand.nextInterval(5, PollResponse.slowDown(12))).isEqualTo(12);
        assertThat(LoginCommand.nextInterval(5, new PollResponse("pending", "slow_down", null, null, null, null, null,
                null))).isEqualTo(10);
        assertThat(LoginCommand.nextInterval(8, PollResponse.slowDown(3))).isEqualTo(13);
    }

    @Test
    void pollingStopsWhenTheCodeExpires() {
        LoginCommand login = new LoginCommand();
        login.clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        login.sleeper = d -> {
            throw new AssertionError("must not wait past the code's lifetime");
        };
        StringWriter progress = new StringWriter();
        // The client is never used: the code expires before the first poll would be due.
        assertThatThrownBy(() -> login.poll(null, new DeviceStartResponse("d", "u", "v", 3, 5),
                new PrintWriter(progress)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageContaining("the code expired");
        assertThat(progress.toString()).startsWith("Waiting for the login to be confirmed").endsWith("\n");
    }
}
