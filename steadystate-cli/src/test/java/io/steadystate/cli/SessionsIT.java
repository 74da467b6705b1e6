package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.api.MagicLink;
import io.steadystate.cli.CliProcess.Run;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions end to end: the real CLI ({@code up}, {@code join}, {@code sessions}, {@code down}), the real
 * server with the local compute provider, the system OpenSSH client and git, and GitHub (device flow
 * and {@code /<login>.keys}) faked on loopback.
 */
class SessionsIT {

    @TempDir
    static Path tmp;

    private static FakeGitHub github;
    private static ServerProcess server;
    private static Path repo;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
        for (String login : List.of("alice", "bob", "mallory")) {
            github.publishKeys(login, SessionKit.keygen(tmp.resolve("keys"), login));
        }
        Path roots = Files.createDirectories(tmp.resolve("repos"));
        repo = roots.resolve("project");
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("README.md"), "# project\n");
        Files.writeString(repo.resolve("src/App.java"), "class App {}\n");
        SessionKit.commitAll(repo);
        server = new ServerProcess(CliProcess.LAUNCHER, tmp.resolve("data"), Map.of(
                "GITHUB_CLIENT_ID", "test-client", "GITHUB_BASE_URL", github.url(), "GITHUB_API_URL", github.url(),
                "STEADYSTATE_ALLOWED_REPO_ROOTS", roots.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void twoUsersJoinOneCollabSessionOthersAreRefusedAndDownCleansUp() throws Exception {
        Path alice = tmp.resolve("alice-config");
        Path bob = tmp.resolve("bob-config");
        github.nextUser("alice");
        assertThat(CliProcess.run(server.url(), alice, "login").exit()).isZero();
        github.nextUser("bob");
        assertThat(CliProcess.run(server.url(), bob, "login").exit()).isZero();

        long started = System.nanoTime();
        Run up = CliProcess.run(server.url(), alice, "up", "--allow", "bob", "--wait", "--json", repo.toString());
        assertThat(up.exit()).as(up + "\n" + server.log()).isZero();
        String link = SessionKit.field(up.stdout(), "magic_link");
        String id = SessionKit.field(up.stdout(), "id");

        Run aliceIn = CliProcess.runWithInput(server.url(), alice, "pwd; git log --oneline | head -1; exit 0\n",
                "join", "--identity", tmp.resolve("keys/alice").toString(), link);
        long firstCommandMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(aliceIn.exit()).as(aliceIn.toString()).isZero();
        assertThat(aliceIn.stdout()).contains("/sessions/" + id + "/users/alice/work").contains("initial");
        System.out.println("up -> first command over ssh: " + firstCommandMillis + " ms");

        Run bobIn = CliProcess.runWithInput(server.url(), bob, "pwd; exit 0\n",
                "join", "--identity", tmp.resolve("keys/bob").toString(), link);
        assertThat(bobIn.exit()).as(bobIn.toString()).isZero();
        assertThat(bobIn.stdout()).contains("/sessions/" + id + "/users/bob/work");

        Run mallory = CliProcess.runWithInput(server.url(), tmp.resolve("mallory-config"), "pwd; exit 0\n",
                "join", "--identity", tmp.resolve("keys/mallory").toString(), link);
        assertThat(mallory.exit()).as(mallory.toString()).isEqualTo(255);
        assertThat(mallory.stderr()).contains("Permission denied");

        // A link whose host key was swapped (a man in the middle) is refused before ssh runs.
        MagicLink real = MagicLink.parse(link);
        String otherKey = Files.readString(tmp.resolve("keys/mallory.pub")).trim().replaceAll("^(\\S+ \\S+).*", "$1");
        MagicLink forged = new MagicLink(real.mode(), real.id(), real.sshUser(), real.sshHost(), real.sshPort(), otherKey);
        Run forgedJoin = CliProcess.run(server.url(), alice, "join", "--identity", tmp.resolve("keys/alice").toString(),
                forged.toString());
        assertThat(forgedJoin.exit()).as(forgedJoin.toString()).isEqualTo(1);
        assertThat(forgedJoin.stderr()).contains("changed");

        Run listed = CliProcess.run(server.url(), bob, "sessions", "--json");
        assertThat(listed.stdout()).contains(id);
        Run bobDown = CliProcess.run(server.url(), bob, "down", id);
        assertThat(bobDown.exit()).isEqualTo(1);
        assertThat(bobDown.stderr()).contains("only the creator");

        Run down = CliProcess.run(server.url(), alice, "down", id);
        assertThat(down.exit()).as(down.toString()).isZero();
        boolean terminated = false;
        for (int i = 0; i < 60 && !terminated; i++) {
            terminated = CliProcess.run(server.url(), alice, "sessions", "--json").stdout()
                    .matches("(?s).*\"id\"\\s*:\\s*\"" + id + "\"[^}]*\"state\"\\s*:\\s*\"Terminated\".*");
            if (!terminated) {
                Thread.sleep(500);
            }
        }
        assertThat(terminated).as("the session reaches Terminated").isTrue();
        assertThat(tmp.resolve("data/sessions").resolve(id)).doesNotExist();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", real.sshPort()), 2000);
            throw new AssertionError("the session's SSH port still accepts connections");
        } catch (IOException expected) {
            // refused: nothing listens there any more
        }
    }



}
