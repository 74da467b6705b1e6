package io.steadystate.server.internal.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.server.internal.http.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRequestsTest {

    @Test
    void branchesFollowGitCheckRefFormat() {
        for (String ok : List.of("main", "feature/login", "release-1.2", "a_b", "v1.0.x", "x@y")) {
            assertThat(SessionRequests.branch(ok)).isEqualTo(ok);
        }
        for (String bad : List.of("-u", "--orphan", "a..b", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[b", "a\\b",
                "a\u0001b", "a\u007fb", "x.lock", "x/", "/x", "a//b", "a/.hidden", "a@{1}", "@", "x.", "a.lock/b")) {
            assertThatThrownBy(() -> SessionRequests.branch(bad)).as(bad).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void remoteUrlsAreLimitedToHttpsSshAndScpLikeForms() {
        List<Path> none = List.of();
        for (String ok : List.of("https://github.com/acme/app.git", "ssh://git@github.com:22/acme/app.git",
                "git@github.com:acme/app.git", "git@gitlab.example.com:group/sub/app.git")) {
            assertThat(SessionRequests.repoUrl(ok, none)).isEqualTo(ok);
        }
        for (String bad : List.of("ftp://x/y", "git://github.com/a/b", "http://github.com/a/b", "ext::sh -c touch",
                "-oProxyCommand=x", "--upload-pack=x", "ssh://-oProxyCommand=x/y", "git@-host:a/b", "git@host:-a",
                "https://github.com", "https://t0ken@github.com/a/b.git", "ssh://u:pw@host/a", "host:path")) {
            assertThatThrownBy(() -> SessionRequests.repoUrl(bad, none)).as(bad).isInstanceOf(ApiException.class);
        }
    }

    @Test
    void localRepositoriesNeedAnAllowedRoot(@TempDir Path tmp) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("r"));
        assertThatThrownBy(() -> SessionRequests.repoUrl(repo.toString(), List.of()))
                .hasMessageContaining("STEADYSTATE_ALLOWED_REPO_ROOTS");
        assertThatThrownBy(() -> SessionRequests.repoUrl("file://" + repo, List.of()))
                .hasMessageContaining("STEADYSTATE_ALLOWED_REPO_ROOTS");
        assertThatThrownBy(() -> SessionRequests.repoUrl(tmp.resolve("missing").toString(), List.of(tmp)))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SessionRequests.repoUrl("file://host" + repo, List.of(tmp)))
                .hasMessageContaining("no host");
        assertThat(SessionRequests.repoUrl(repo.toString(), List.of(tmp.resolve("nowhere"), tmp)))
                .isEqualTo(repo.toRealPath().toString());
    }

    @Test
    void loginsAreGitHubLoginsWithTheCreatorImplied() {
        assertThat(SessionRequests.logins(List.of("Bob", "bob", "alice", "x-y", "a".repeat(39)), "allowed_users", "ALICE"))
                .containsExactly("Bob", "x-y", "a".repeat(39));
        for (String bad : List.of("-bob", "bob smith", "a".repeat(40), "bo_b", "", "bob\n")) {
            assertThatThrownBy(() -> SessionRequests.logins(List.of(bad), "viewers", "alice")).as(bad)
                    .hasMessageContaining("viewers");
        }
    }
}
