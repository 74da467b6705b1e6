package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.spi.ComputeException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoHostsTest {

    @TempDir
    Path tmp;

    @Test
    void hostsOnTheServersOwnMachineOrNetworkAreRefusedWithOneMessage() {
        RepoHosts none = RepoHosts.of("");
        for (String url : List.of("https://127.0.0.1/o/r.git", "https://localhost:8080/o/r.git", "ssh://git@10.1.2.3/o/r",
                "git@192.168.0.7:o/r.git", "https://169.254.169.254/latest/meta-data", "https://[::1]/o/r",
                "https://[fd00::1]/o/r", "https://100.64.0.1/o/r", "https://no-such-host.invalid/o/r")) {
            assertThatThrownBy(() -> RepoSource.parse(url, List.of(), none)).as(url)
                    .isInstanceOf(ComputeException.class).hasMessage(RepoHosts.UNREACHABLE);
        }
    }

    @Test
    void anOperatorMayAllowAnInternalHostByName() throws Exception {
        RepoHosts allowed = RepoHosts.of("git.internal, LOCALHOST");
        assertThat(RepoSource.parse("https://localhost/o/r.git", List.of(), allowed).local()).isFalse();
        assertThatThrownBy(() -> RepoSource.parse("https://127.0.0.1/o/r.git", List.of(), allowed))
                .hasMessage(RepoHosts.UNREACHABLE);
    }

    @Test
    void publicAddressesAreNotInternal() throws Exception {
        assertThat(RepoHosts.internal(InetAddress.getByName("140.82.112.3"))).isFalse();
        assertThat(RepoHosts.internal(InetAddress.getByName("2606:50c0:8000::153"))).isFalse();
        assertThat(RepoHosts.internal(InetAddress.getByName("172.16.0.1"))).isTrue();
    }

    @Test
    void aGitFolderThatLeadsOutOfTheAllowedRootsIsRefused() throws Exception {
        Path outside = tmp.resolve("outside");
        org.eclipse.jgit.api.Git.init().setDirectory(outside.toFile()).call().close();
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path sneaky = Files.createDirectories(root.resolve("sneaky"));
        Files.createSymbolicLink(sneaky.resolve(".git"), outside.resolve(".git"));
        assertThatThrownBy(() -> RepoSource.parse(sneaky.toString(), List.of(root)))
                .hasMessageContaining("STEADYSTATE_ALLOWED_REPO_ROOTS");

        // A repository inside the roots whose objects are a link, or that borrows objects from outside.
        Path inside = root.resolve("inside");
        org.eclipse.jgit.api.Git.init().setDirectory(inside.toFile()).call().close();
        Path alternates = inside.resolve(".git/objects/info/alternates");
        Files.createDirectories(alternates.getParent());
        Files.writeString(alternates, outside.resolve(".git/objects") + "\n");
        assertThatThrownBy(() -> RepoSource.parse(inside.toString(), List.of(root)))
                .hasMessageContaining("STEADYSTATE_ALLOWED_REPO_ROOTS");
        Files.delete(alternates);
        assertThat(RepoSource.parse(inside.toString(), List.of(root)).local()).isTrue();
    }
}
