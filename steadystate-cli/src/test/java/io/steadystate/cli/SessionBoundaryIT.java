package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.cli.CliProcess.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session boundary, attacked the way an invited member would: each test runs as a member (alice is
 * the creator, bob a writer, carol a viewer) in a shell opened by the real OpenSSH client against the
 * real server and its local provider, and checks the evidence on the host (a marker that must not
 * exist, a branch that must not move, a file that must keep its bytes).
 */
class SessionBoundaryIT {

    private static final List<String> USERS = List.of("alice", "bob", "carol");
    /** Sessions per person on the test server: more than alice makes here, so that only carol meets it. */
    private static final int QUOTA = 12;

    @TempDir
    static Path tmp;

    private static FakeGitHub github;
    private static ServerProcess server;
    private static Path roots;
    private static Map<String, String> serverEnv;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
        for (String login : USERS) {
            github.publishKeys(login, SessionKit.keygen(tmp.resolve("keys"), login));
        }
        roots = Files.createDirectories(tmp.resolve("repos"));
        serverEnv = Map.of("GITHUB_CLIENT_ID", "test-client", "GITHUB_BASE_URL", github.url(),
                "GITHUB_API_URL", github.url(), "STEADYSTATE_ALLOWED_REPO_ROOTS", roots.toString(),
                "STEADYSTATE_MAX_SESSIONS_PER_USER", Integer.toString(QUOTA));
        server = new ServerProcess(CliProcess.LAUNCHER, tmp.resolve("data"), serverEnv);
        for (String login : USERS) {
            github.nextUser(login);
            Run r = CliProcess.run(server.url(), config(login), "login");
            assertThat(r.exit()).as(r.toString()).isZero();
        }
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

    private static Path config(String login) {
        return tmp.resolve("config").resolve(login);
    }

    /** A collab session of alice with bob as writer and carol as viewer; returns id and link. */
    private static String[] session(String name) throws Exception {
        Path repo = roots.resolve(name);
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("README.md"), "hello\n");
        SessionKit.commitAll(repo);
        Run up = CliProcess.run(server.url(), config("alice"), "up", "--allow", "bob", "--viewers", "carol", "--wait",
                "--json", repo.toString());
        assertThat(up.exit()).as(up + "\n" + server.log()).isZero();
        String link = SessionKit.field(up.stdout(), "magic_link");
        for (String login : List.of("alice", "bob")) {
            Run visit = shell(login, link, "rc=0");
            assertThat(visit.exit()).as(visit.toString()).isZero();
        }
        return new String[] {SessionKit.field(up.stdout(), "id"), link};
    }

    private static Run shell(String login, String link, String script) throws Exception {
        return CliProcess.runWithInput(server.url(), config(login), script + "\nexit $rc\n", "join", "--identity",
                tmp.resolve("keys").resolve(login).toString(), link);
    }

    /** {@code steadystate ARGS} run over ssh as an exec request (no shell), with the ssh command join prints. */
    private static Run exec(String login, String link, String... args) throws Exception {
        Run print = CliProcess.run(server.url(), config(login), "join", "--print", "--identity",
                tmp.resolve("keys").resolve(login).toString(), link);
        assertThat(print.exit()).as(print.toString()).isZero();
        String ssh = print.stdout().strip().lines().reduce((a, b) -> b).orElseThrow();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", ssh + " -T steadystate " + String.join(" ", args));
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process p = pb.start();
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.get(), err.get());
    }

    private static String readAll(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Path sessionDir(String id) {
        return tmp.resolve("data/sessions").resolve(id);
    }

    private static String head(String id) throws Exception {
        return SessionKit.git(sessionDir(id), "--git-dir", "canonical", "rev-parse", "steadystate/collab/" + id).strip();
    }

    @Test
    void finding1_aMemberCannotChangeWhatTheSandboxMounts() throws Exception {
        String[] s = session("mounts");
        Path alternates = sessionDir(s[0]).resolve("canonical/objects/info/alternates");
        byte[] before = Files.readAllBytes(alternates);
        Path secret = Files.writeString(tmp.resolve("host-secret.txt"), "not for sessions\n");

        Run r = shell("bob", s[1], "echo /proc >> " + alternates + "; echo " + tmp + " >> " + alternates
                + "; rc=0");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(alternates)).isEqualTo(before);
        // Reconnected, the member still sees nothing of the host outside the session.
        Run look = shell("bob", s[1], "cat " + secret + " && rc=1 || rc=0");
        assertThat(look.exit()).as(look.toString()).isZero();
        assertThat(look.stdout()).doesNotContain("not for sessions");
    }

    @Test
    void finding3_theServerWritesNothingThroughLinksMembersPlant() throws Exception {
        String[] s = session("links");
        Path dir = sessionDir(s[0]);
        Path target = tmp.resolve("host-file-" + s[0]);
        Run r = shell("bob", s[1], "ln -sf " + target + " " + dir.resolve("activity-log") + "; ln -sf " + target + " "
                + dir.resolve("sync-log") + "; rc=0");
        assertThat(r.exit()).as(r.toString()).isZero();
        // Activity the server logs (a connection) and a sync both append to the logs.
        Run again = shell("bob", s[1], "echo x > ~/work/x.txt && steadystate sync; rc=$?");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(target).doesNotExist();
        assertThat(Files.isSymbolicLink(dir.resolve("activity-log"))).isFalse();
        // Nothing the server made puts a folder members can write on anyone's PATH.
        assertThat(dir.resolve("users/bob/.profile")).doesNotExist();
        Run path = shell("bob", s[1], "echo \"PATH=$PATH\"; touch " + dir.resolve("bin/evil") + " && rc=1 || rc=0");
        assertThat(path.exit()).as(path.toString()).isZero();
        assertThat(dir.resolve("bin/evil")).doesNotExist();
    }

    @Test
    void finding4_aGitLinkOutOfTheAllowedRootsIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside/repo"));
        Files.writeString(outside.resolve("secret.txt"), "outside\n");
        SessionKit.commitAll(outside);
        Path inside = Files.createDirectories(roots.resolve("sneaky"));
        Files.createSymbolicLink(inside.resolve(".git"), outside.resolve(".git"));

        Run up = CliProcess.run(server.url(), config("alice"), "up", "--wait", "--json", inside.toString());

        assertThat(up.exit()).as(up.toString()).isNotZero();
        assertThat(up.stdout() + up.stderr()).contains("STEADYSTATE_ALLOWED_REPO_ROOTS");
    }

    @Test
    void finding5_viewersCannotWriteRunAShellOrEscapeThroughAPager() throws Exception {
        String[] s = session("viewers");
        String before = head(s[0]);

        Run sync = exec("carol", s[1], "sync");
        Run merge = exec("carol", s[1], "merge-file", "a", "b", "c");
        Run publish = exec("carol", s[1], "publish");
        Run resolve = exec("carol", s[1], "resolve", "--mine", "README.md");
        Run shell = shell("carol", s[1], "touch /tmp/x; rc=0");

        for (Run r : List.of(sync, merge, publish, resolve, shell)) {
            assertThat(r.exit()).as(r.toString()).isNotZero();
            assertThat(r.stderr()).contains("viewer");
        }
        assertThat(head(s[0])).isEqualTo(before);
        // What a viewer may run only reads, and gets no pager that could start a program.
        Run status = exec("carol", s[1], "status");
        assertThat(status.exit()).as(status.toString()).isZero();
    }

    @Test
    void finding6_membersCannotReachEachOthersWorkCanonicalTheHostKeyOrTheSockets() throws Exception {
        String[] s = session("members");
        Path dir = sessionDir(s[0]);
        Files.writeString(dir.resolve("users/alice/work/private.txt"), "alice's unsynced work\n");
        String before = head(s[0]);
        byte[] hostKey = Files.readAllBytes(dir.resolve("ssh/ssh_host_ed25519_key"));

        Run r = shell("bob", s[1], String.join("\n",
                "cat " + dir.resolve("users/alice/work/private.txt"),
                "echo 'curl evil' >> " + dir.resolve("users/alice/.bashrc"),
                "cat " + dir.resolve("ssh/ssh_host_ed25519_key"),
                "git --git-dir " + dir.resolve("canonical") + " update-ref refs/heads/steadystate/collab/" + s[0] + " HEAD~0^{tree} 2>/dev/null",
                "git --git-dir " + dir.resolve("canonical") + " branch -f steadystate/collab/" + s[0] + " HEAD",
                "rm -f " + dir.resolve("run/control.sock"),
                "ln -sf /tmp/fake " + dir.resolve("run/control.sock"),
                "rc=0"));
        assertThat(r.exit()).as(r.toString()).isZero();

        assertThat(r.stdout()).doesNotContain("alice's unsynced work").doesNotContain("PRIVATE KEY");
        assertThat(dir.resolve("users/alice/.bashrc")).doesNotExist();
        assertThat(head(s[0])).isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve("ssh/ssh_host_ed25519_key"))).isEqualTo(hostKey);
        assertThat(Files.isSymbolicLink(dir.resolve("run/control.sock"))).isFalse();
        // The control socket still answers alice, and her sync still works.
        Run sync = shell("alice", s[1], "cd ~/work && steadystate sync; rc=$?");
        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(SessionKit.git(dir, "--git-dir", "canonical", "show", "steadystate/collab/" + s[0] + ":private.txt"))
                .isEqualTo("alice's unsynced work\n");
    }

    @Test
    void finding8_aFolderNewToAWorktreeArrivesOverSsh() throws Exception {
        String[] s = session("nested");
        Run add = shell("alice", s[1], "mkdir -p ~/work/a/b/c && echo deep > ~/work/a/b/c/d.txt && cd ~/work && steadystate sync; rc=$?");
        assertThat(add.exit()).as(add.toString()).isZero();

        Run pull = shell("bob", s[1], "cd ~/work && steadystate sync && cat a/b/c/d.txt && steadystate status; rc=$?");

        assertThat(pull.exit()).as(pull.toString()).isZero();
        assertThat(pull.stdout()).contains("deep").doesNotContain("changed while sync ran");
        assertThat(Files.readString(sessionDir(s[0]).resolve("users/bob/work/a/b/c/d.txt"))).isEqualTo("deep\n");
    }

    @Test
    void connectionTokensNeverAppearOnACommandLine() throws Exception {
        String[] s = session("tokens");
        Path dir = sessionDir(s[0]);
        Path tokenFile = dir.resolve("users/bob/token");
        Thread shell = Thread.ofVirtual().start(() -> {
            try {
                shell("bob", s[1], "printf %s \"$STEADYSTATE_TOKEN\" > ~/token; sleep 4; rc=0");
            } catch (Exception e) {
                // the assertions below see what happened
            }
        });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((!Files.exists(tokenFile) || Files.size(tokenFile) == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String token = Files.readString(tokenFile).strip();
        assertThat(token).hasSizeGreaterThan(20);
        List<String> commandLines = ProcessHandle.allProcesses()
                .map(p -> p.info().commandLine().orElse("")).toList();
        shell.join();
        assertThat(commandLines).noneMatch(c -> c.contains(token));
    }

    @Test
    void restartsBringSessionsBackWithTheirLinkAndEveryonesWork() throws Exception {
        String[] s = session("restart");
        Path dir = sessionDir(s[0]);
        Run edit = shell("bob", s[1], "echo unsynced > ~/work/bob.txt; echo synced > ~/work/shared.txt && cd ~/work"
                + " && steadystate sync && echo more > ~/work/shared.txt; rc=$?");
        assertThat(edit.exit()).as(edit.toString()).isZero();
        String synced = head(s[0]);

        for (String how : List.of("SIGTERM", "SIGKILL")) {
            if (how.equals("SIGTERM")) {
                server.close();
            } else {
                server.kill();
            }
            assertThat(dir).as("the session folder survives " + how).isDirectory();
            // Same port: the members' logins name the server by its URL.
            Map<String, String> env = new java.util.HashMap<>(serverEnv);
            env.put("STEADYSTATE_PORT", Integer.toString(java.net.URI.create(server.url()).getPort()));
            server = new ServerProcess(CliProcess.LAUNCHER, tmp.resolve("data"), env);
            Run back = null;
            for (int i = 0; i < 100; i++) {
                back = shell("bob", s[1], "cat ~/work/bob.txt ~/work/shared.txt; rc=$?");
                if (back.exit() == 0) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(back.exit()).as(how + ": " + back + "\n" + server.log()).isZero();
            assertThat(back.stdout()).contains("unsynced", "more");
            assertThat(head(s[0])).isEqualTo(synced);
            Run sessions = CliProcess.run(server.url(), config("alice"), "sessions", "--json");
            assertThat(sessions.stdout()).as(sessions.toString()).contains(s[1]).contains("Running");
        }
        Run sync = shell("bob", s[1], "cd ~/work && steadystate sync; rc=$?");
        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(SessionKit.git(dir, "--git-dir", "canonical", "show", "steadystate/collab/" + s[0] + ":bob.txt"))
                .isEqualTo("unsynced\n");
    }

    @Test
    void downRefusesToLoseUnsyncedOrUnpublishedWorkUnlessToldToDiscard() throws Exception {
        String[] s = session("down");
        Run edit = shell("bob", s[1], "echo wip > ~/work/wip.txt; rc=0");
        assertThat(edit.exit()).as(edit.toString()).isZero();

        Run down = CliProcess.run(server.url(), config("alice"), "down", s[0]);

        assertThat(down.exit()).as(down.toString()).isNotZero();
        assertThat(down.stderr()).contains("bob").contains("--discard");
        assertThat(sessionDir(s[0])).isDirectory();
        Run discard = CliProcess.run(server.url(), config("alice"), "down", "--discard", s[0]);
        assertThat(discard.exit()).as(discard.toString()).isZero();
    }

    @Test
    void nobodyHasMoreSessionsThanTheQuota() throws Exception {
        Path repo = roots.resolve("quota");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("a.txt"), "a\n");
        SessionKit.commitAll(repo);
        for (int i = 0; i < QUOTA; i++) {
            Run up = CliProcess.run(server.url(), config("carol"), "up", "--json", repo.toString());
            assertThat(up.exit()).as(up.toString()).isZero();
        }

        Run refused = CliProcess.run(server.url(), config("carol"), "up", "--json", repo.toString());

        assertThat(refused.exit()).as(refused.toString()).isNotZero();
        assertThat(refused.stderr()).contains("STEADYSTATE_MAX_SESSIONS_PER_USER");
        // Others are not affected by carol's sessions.
        Run other = CliProcess.run(server.url(), config("bob"), "up", "--json", repo.toString());
        assertThat(other.exit()).as(other.toString()).isZero();
    }

    static String read(Path p) throws Exception {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
