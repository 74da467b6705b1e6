package io.steadystate.cli.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionMode;
import io.steadystate.cli.CapturedOutput;
import io.steadystate.cli.Main;
import io.steadystate.cli.sessions.SshInvocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHgi+T5F+ZHOxm2gOmasZciwWd8lIyHT7qavDWzGA8Rn";

    @TempDir
    Path cfg;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private static String link() {
        return new MagicLink(SessionMode.COLLAB, new SessionId("abcdefgh12345678"), "steady", "127.0.0.1", 40022, KEY)
                .toString();
    }

    private Map<String, String> env() {
        return Map.of("STEADYSTATE_CONFIG_DIR", cfg.toString(), "PATH", "");
    }

    @Test
    void withoutATerminalItRunsThePlainWatchWithoutATty() throws Exception {
        assertThat(Main.run(env(), "dashboard", "--print", link())).isZero();
        assertThat(output.out()).isEqualTo("ssh -p 40022 -o StrictHostKeyChecking=yes -o UserKnownHostsFile="
                + cfg.resolve("known_hosts") + " -o HostKeyAlgorithms=ssh-ed25519 -o CheckHostIP=no -T steady@127.0.0.1"
                + " steadystate watch --plain\n");
        assertThat(Files.readString(cfg.resolve("known_hosts"))).isEqualTo("[127.0.0.1]:40022 " + KEY + "\n");
        assertThat(output.err()).contains("Pinned the host key of [127.0.0.1]:40022");
    }

    @Test
    void dashIsAnAliasAndJsonAsksForTheSnapshot() {
        assertThat(Main.run(env(), "dash", "--print", "--json", "-i", cfg.resolve("known_hosts").toString(), link()))
                .isEqualTo(129); // the key file does not exist yet
        assertThat(output.err()).contains("error: no key file at");
        output.reset();
        assertThat(Main.run(env(), "dash", "--print", "--json", link())).isZero();
        assertThat(output.out()).endsWith(" -T steady@127.0.0.1 steadystate watch --json\n");
    }

    @Test
    void theRemoteCommandAsksForATerminalOnlyForTheLiveDashboard() {
        assertThat(DashboardCommand.remote(true, false, false))
                .isEqualTo(new SshInvocation.Remote(true, List.of("steadystate", "watch")));
        assertThat(DashboardCommand.remote(true, true, false))
                .isEqualTo(new SshInvocation.Remote(false, List.of("steadystate", "watch", "--plain")));
        assertThat(DashboardCommand.remote(false, false, false))
                .isEqualTo(new SshInvocation.Remote(false, List.of("steadystate", "watch", "--plain")));
        assertThat(DashboardCommand.remote(true, false, true))
                .isEqualTo(new SshInvocation.Remote(false, List.of("steadystate", "watch", "--json")));
    }

    @Test
    void aMalformedLinkIsAUsageError() {
        for (String bad : List.of("https://example.com/x", "", link().replace("collab", "solo"),
                link().replace("host_key=ssh-ed25519", "host_key=ssh-dss"))) {
            output.reset();
            assertThat(Main.run(env(), "dashboard", bad)).as(bad).isEqualTo(129);
            assertThat(output.err()).as(bad).startsWith("error: not a valid magic link: ")
                    .contains("expected steadystate://<mode>/<id>?ssh=...&host_key=...");
        }
        assertThat(Files.exists(cfg.resolve("known_hosts"))).isFalse();
        output.reset();
        assertThat(Main.run(env(), "dashboard")).isEqualTo(129);
        assertThat(output.err()).contains("Missing required parameter: 'LINK'");
    }

    @Test
    void withoutSshOnPathItEndsWith255() {
        assertThat(Main.run(env(), "dashboard", link())).isEqualTo(255);
        assertThat(output.err()).contains("error: ssh was not found on PATH");
    }
}
