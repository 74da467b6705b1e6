package io.steadystate.cli.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.MagicLink;
import io.steadystate.api.SessionId;
import io.steadystate.api.SessionMode;
import io.steadystate.cli.auth.CliException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshInvocationTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHgi+T5F+ZHOxm2gOmasZciwWd8lIyHT7qavDWzGA8Rn";
    static final String OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDDu5hBGxJSh5XdrBG2sFfMRuEnTaEZf1Qf4TNvivuwK";

    @Test
    void theExactArgumentList() {
        MagicLink link = new MagicLink(SessionMode.COLLAB, new SessionId("abcdefgh12345678"), "steady", "127.0.0.1",
                40022, KEY);
        assertThat(SshInvocation.argv(link, Path.of("/cfg/known_hosts"))).containsExactly(
                "ssh", "-p", "40022",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=/cfg/known_hosts",
                "-o", "HostKeyAlgorithms=ssh-ed25519",
                "-o", "CheckHostIP=no",
                "-tt", "steady@127.0.0.1");
    }

    @Test
    void ipv6HostsLoseTheirBrackets() {
        MagicLink link = MagicLink.parse("steadystate://pair/abcdefgh12345678?ssh=ssh%3A%2F%2Fsteady%40%5B%3A%3A1%5D%3A2222"
                + "&host_key=" + URLEncoder.encode(KEY, StandardCharsets.UTF_8));
        assertThat(link.sshHost()).isEqualTo("[::1]");
        assertThat(SshInvocation.argv(link, Path.of("/k"))).endsWith("-tt", "steady@::1");
    }

    @Test
    void aKnownHostsPathWithSpacesOrPercentIsQuotedForSsh() {
        assertThat(SshInvocation.argv("u", "h", 22, "ssh-ed25519",
                Path.of("/Users/a/Library/Application Support/SteadyState/known_hosts")))
                .contains("UserKnownHostsFile=\"/Users/a/Library/Application Support/SteadyState/known_hosts\"");
        assertThat(SshInvocation.sshPath(Path.of("/tmp/100%/known_hosts"))).isEqualTo("/tmp/100%%/known_hosts");
        assertThatThrownBy(() -> SshInvocation.sshPath(Path.of("/tmp/a\"b/known_hosts")))
                .isInstanceOf(CliException.class).hasMessageContaining("double quote");
    }

    @Test
    void rsaKeysAreCheckedWithSha2Signatures() {
        assertThat(SshInvocation.hostKeyAlgorithms("ssh-rsa")).isEqualTo("rsa-sha2-512,rsa-sha2-256");
        assertThat(SshInvocation.hostKeyAlgorithms("ecdsa-sha2-nistp256")).isEqualTo("ecdsa-sha2-nistp256");
        assertThatThrownBy(() -> SshInvocation.hostKeyAlgorithms("ssh-dss")).isInstanceOf(CliException.class);
    }

    @Test
    void nothingThatSshCouldTakeForAnOptionReachesTheArgumentList() {
        for (List<String> userHost : List.of(List.of("-oProxyCommand=x", "h"), List.of("u", "-oProxyCommand=x"),
                List.of("u x", "h"), List.of("u", "h x"), List.of("u", "h;id"), List.of("", "h"))) {
            assertThatThrownBy(() -> SshInvocation.argv(userHost.get(0), userHost.get(1), 22, "ssh-ed25519", Path.of("/k")))
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(129));
        }
        assertThatThrownBy(() -> SshInvocation.argv("u", "h", 0, "ssh-ed25519", Path.of("/k")))
                .isInstanceOf(CliException.class);
    }

    @Test
    void aRemoteCommandGoesAfterTheDestinationWithTheKeyBeforeIt() {
        MagicLink link = new MagicLink(SessionMode.COLLAB, new SessionId("abcdefgh12345678"), "steady", "127.0.0.1",
                40022, KEY);
        assertThat(SshInvocation.argv(link, Path.of("/k"), Path.of("/keys/id"),
                SshInvocation.Remote.command(true, List.of("steadystate", "watch")))).containsExactly(
                "ssh", "-p", "40022",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=/k",
                "-o", "HostKeyAlgorithms=ssh-ed25519",
                "-o", "CheckHostIP=no",
                "-i", "/keys/id", "-o", "IdentitiesOnly=yes",
                "-t", "steady@127.0.0.1", "steadystate", "watch");
        assertThat(SshInvocation.argv(link, Path.of("/k"), null,
                SshInvocation.Remote.command(false, List.of("steadystate", "watch", "--plain"))))
                .endsWith("CheckHostIP=no", "-T", "steady@127.0.0.1", "steadystate", "watch", "--plain");
        assertThat(SshInvocation.argv(link, Path.of("/k"), null, SshInvocation.Remote.SHELL))
                .isEqualTo(SshInvocation.argv(link, Path.of("/k")));
    }

    @Test
    void remoteCommandsAreMadeOfPlainWordsOnly() {
        for (String word : List.of("a b", "$(id)", "a;b", "`x`", "", "a'b", "x\ny")) {
            assertThatThrownBy(() -> SshInvocation.Remote.command(false, List.of("steadystate", word)))
                    .as(word).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SshInvocation.Remote.command(true, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
