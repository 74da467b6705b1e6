package io.steadystate.compute.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.api.spi.ComputeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoSourceTest {

    @TempDir
    Path tmp;

    @Test
    void acceptsRemoteForms() throws Exception {
        assertThat(RepoSource.parse("https://github.com/o/r.git", List.of()).local()).isFalse();
        assertThat(RepoSource.parse("ssh://git@github.com/o/r.git", List.of()).local()).isFalse();
        assertThat(RepoSource.parse("git@github.com:o/r.git", List.of()).local()).isFalse();
    }

    @Test
    void refusesEverythingElse() {
        for (String url : List.of("http://github.com/o/r", "-oProxyCommand=x", "git://h/r", "ftp://h/r", "relative/path",
                "git@github.com:-o/r", "ext::sh -c x", "https://-h/r", "https://h/r x", "file:///etc/../nope",
                "https://github.com/")) {
            assertThatThrownBy(() -> RepoSource.parse(url, List.of(tmp))).as(url).isInstanceOf(ComputeException.class);
        }
    }

    @Test
    void localPathsOnlyUnderAllowedRoots() throws Exception {
        Path repo = tmp.resolve("repo");
        org.eclipse.jgit.api.Git.init().setDirectory(repo.toFile()).call().close();
        assertThatThrownBy(() -> RepoSource.parse(repo.toString(), List.of()))
                .hasMessageContaining("STEADYSTATE_ALLOWED_REPO_ROOTS");
        Path other = Files.createDirectory(tmp.resolve("other"));
        assertThatThrownBy(() -> RepoSource.parse(repo.toString(), List.of(other)))
                .isInstanceOf(ComputeException.class);
        RepoSource ok = RepoSource.parse(repo.toUri().toString(), List.of(tmp));
        assertThat(ok.local()).isTrue();
        assertThat(ok.gitDir()).isEqualTo(repo.resolve(".git").toRealPath());
        assertThatThrownBy(() -> RepoSource.parse(other.toString(), List.of(tmp))).hasMessageContaining("not a git repository");
    }

    @Test
    void branchNames() {
        assertThat(RepoSource.validBranch("feature/x")).isTrue();
        assertThat(RepoSource.validBranch("-x")).isFalse();
        assertThat(RepoSource.validBranch("a..b")).isFalse();
        assertThat(RepoSource.validBranch("a b")).isFalse();
    }
}
