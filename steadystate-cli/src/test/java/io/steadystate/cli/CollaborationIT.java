package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.cli.CliProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Working together end to end: three people in one collab session, each in a shell opened by the real
 * OpenSSH client, editing and running {@code steadystate sync} (and {@code publish}) inside the session;
 * the real server with the local provider; GitHub faked on loopback.
 */
class CollaborationIT {

    private static final List<String> USERS = List.of("alice", "bob", "carol");

    @TempDir
    static Path tmp;

    private static FakeGitHub github;
    private static ServerProcess server;
    private static Path roots;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
        for (String login : USERS) {
            github.publishKeys(login, SessionKit.keygen(tmp.resolve("keys"), login));
        }
        roots = Files.createDirectories(tmp.resolve("repos"));
        server = new ServerProcess(CliProcess.LAUNCHER, tmp.resolve("data"), Map.of(
                "GITHUB_CLIENT_ID", "test-client", "GITHUB_BASE_URL", github.url(), "GITHUB_API_URL", github.url(),
                "STEADYSTATE_ALLOWED_REPO_ROOTS", roots.toString(), "STEADYSTATE_MAX_SESSIONS_PER_USER", "50"));
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

    /** A session on a fresh repository; returns id and magic link. */
    private static String[] session(String name, Map<String, String> files) throws Exception {
        Path repo = roots.resolve(name);
        for (var f : files.entrySet()) {
            Files.createDirectories(repo.resolve(f.getKey()).getParent());
            Files.writeString(repo.resolve(f.getKey()), f.getValue());
        }
        SessionKit.commitAll(repo);
        Run up = CliProcess.run(server.url(), config("alice"), "up", "--allow", "bob,carol", "--wait", "--json", repo.toString());
        assertThat(up.exit()).as(up + "\n" + server.log()).isZero();
        String link = SessionKit.field(up.stdout(), "magic_link");
        // Everyone's worktree is made on their first visit, at the session branch's head of that moment.
        for (String login : USERS) {
            Run visit = shell(login, link, "rc=0");
            assertThat(visit.exit()).as(visit.toString()).isZero();
        }
        return new String[] {SessionKit.field(up.stdout(), "id"), link};
    }

    /** Runs {@code script} in {@code login}'s login shell in the session, over ssh. */
    private static Run shell(String login, String link, String script) throws Exception {
        return CliProcess.runWithInput(server.url(), config(login), script + "\nexit $rc\n", "join", "--identity",
                tmp.resolve("keys").resolve(login).toString(), link);
    }

    private static Path worktree(String id, String login) {
        return tmp.resolve("data/sessions").resolve(id).resolve("users").resolve(login).resolve("work");
    }

    private static String canonical(String id, String path) throws Exception {
        return SessionKit.git(tmp.resolve("data/sessions").resolve(id), "--git-dir", "canonical", "show",
                "steadystate/collab/" + id + ":" + path);
    }

    @Test
    void threePeopleEditingTheSameFilesAndSyncingInRandomOrderConverge() throws Exception {
        StringBuilder shared = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            shared.append("line ").append(i).append('\n');
        }
        String[] s = session("converge", Map.of("shared.txt", shared.toString(), "notes/todo.txt", "a\nb\nc\nd\ne\nf\ng\nh\n"));
        String id = s[0];
        String link = s[1];
        long seed = Long.getLong("collab.seed", System.nanoTime());
        System.out.println("CollaborationIT seed " + seed);
        Random random = new Random(seed);
        List<String> expectedLines = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            // Everyone edits first; the syncs come later, in shuffled order, so the edits overlap in time.
            for (int u = 0; u < USERS.size(); u++) {
                String login = USERS.get(u);
                int line = u * 10 + round * 4;
                String mark = login + "-r" + round;
                expectedLines.add("line " + line + " " + mark);
                Run edit = shell(login, link, "cd ~/work/notes && sed -i 's/^line " + line + "$/line " + line + " " + mark
                        + "/' ../shared.txt && echo '" + mark + "' > ../" + mark + ".txt; rc=$?");
                assertThat(edit.exit()).as(edit.toString()).isZero();
            }
            List<String> order = new ArrayList<>(USERS);
            Collections.shuffle(order, random);
            for (String login : order) {
                Run r = shell(login, link, "cd ~/work/notes && steadystate sync; rc=$?");
                assertThat(r.exit()).as(login + " round " + round + ": " + r).isZero();
                assertThat(r.stdout()).contains("Synced");
            }
        }
        for (String login : USERS) {
            Run r = shell(login, link, "cd ~/work && steadystate sync; rc=$?");
            assertThat(r.exit()).as(r.toString()).isZero();
        }
        String merged = canonical(id, "shared.txt");
        for (String l : expectedLines) {
            assertThat(merged).contains(l + "\n");
        }
        for (String login : USERS) {
            for (int round = 0; round < 2; round++) {
                assertThat(canonical(id, login + "-r" + round + ".txt")).isEqualTo(login + "-r" + round + "\n");
            }
            assertThat(Files.readString(worktree(id, login).resolve("shared.txt"))).isEqualTo(merged);
        }
        String log = Files.readString(tmp.resolve("data/sessions").resolve(id).resolve("sync-log"));
        assertThat(log.lines().filter(l -> l.contains("\"event\":\"sync\""))).hasSizeGreaterThanOrEqualTo(6);
        assertThat(SessionKit.git(tmp.resolve("data/sessions").resolve(id), "--git-dir", "canonical", "log", "--format=%an",
                "steadystate/collab/" + id)).contains("alice", "bob", "carol");
    }

    @Test
    void aConflictRoundTripsThroughTheWorktreeAndIgnoredFilesAndShellDotfilesStayOut() throws Exception {
        String[] s = session("conflict", Map.of(".gitignore", "build/\n", "VERSION", "1.0\n", "README.md", "# app\n"));
        String id = s[0];
        String link = s[1];
        Run alice = shell("alice", link, "cd ~/work && echo 1.1 > VERSION && steadystate sync; rc=$?");
        assertThat(alice.exit()).as(alice.toString()).isZero();

        Run bob = shell("bob", link, "cd ~/work && echo 2.0 > VERSION && mkdir -p build && echo junk > build/out.o"
                + " && echo 'ls -la' >> ~/.bash_history && mkdir -p ~/.cache && echo x > ~/.cache/tool"
                + " && steadystate sync; rc=$?");
        assertThat(bob.exit()).as(bob.toString()).isEqualTo(1);
        assertThat(bob.stdout()).contains("CONFLICT", "VERSION");
        assertThat(canonical(id, "VERSION")).isEqualTo("1.1\n");
        assertThat(Files.readString(worktree(id, "bob").resolve("VERSION"))).contains("<<<<<<<", "1.1", "2.0", ">>>>>>>");

        Run again = shell("bob", link, "cd ~/work && steadystate sync; rc=$?");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.stdout()).contains("UNRESOLVED", "VERSION");

        Run resolved = shell("bob", link, "cd ~/work && echo 2.0 > VERSION && steadystate sync --json; rc=$?");
        assertThat(resolved.exit()).as(resolved.toString()).isZero();
        assertThat(resolved.stdout()).contains("\"status\":\"synced\"");
        assertThat(canonical(id, "VERSION")).isEqualTo("2.0\n");
        Run aliceAgain = shell("alice", link, "cd ~/work && steadystate sync; rc=$?");
        assertThat(aliceAgain.exit()).isZero();
        assertThat(Files.readString(worktree(id, "alice").resolve("VERSION"))).isEqualTo("2.0\n");

        String tree = SessionKit.git(tmp.resolve("data/sessions").resolve(id), "--git-dir", "canonical", "ls-tree", "-r",
                "--name-only", "steadystate/collab/" + id);
        assertThat(tree.lines()).containsExactlyInAnyOrder(".gitignore", "README.md", "VERSION");
    }

    @Test
    void publishPushesTheMergedSessionBranchAndAFailedPushSaysWhyAndChangesNothing() throws Exception {
        String[] s = session("publish", Map.of("app.txt", "one\ntwo\nthree\n"));
        String id = s[0];
        String link = s[1];
        Path origin = roots.resolve("publish");
        Run bob = shell("bob", link, "cd ~/work && sed -i 's/^three$/THREE/' app.txt && steadystate sync; rc=$?");
        assertThat(bob.exit()).as(bob.toString()).isZero();

        Run pub = shell("alice", link, "cd ~/work && sed -i 's/^one$/ONE/' app.txt && steadystate publish; rc=$?");

        assertThat(pub.exit()).as(pub.toString()).isZero();
        assertThat(pub.stdout()).contains("Published steadystate/collab/" + id);
        String branch = "steadystate/collab/" + id;
        assertThat(SessionKit.git(origin, "show", branch + ":app.txt")).isEqualTo("ONE\ntwo\nTHREE\n");
        assertThat(SessionKit.git(origin, "log", "--format=%an", branch)).contains("alice", "bob");

        // Someone pushes to the same branch of the origin behind the session's back: not a fast-forward.
        SessionKit.git(origin, "checkout", "-q", branch);
        Files.writeString(origin.resolve("app.txt"), "elsewhere\n");
        SessionKit.git(origin, "-c", "user.name=Other", "-c", "user.email=o@example.invalid", "commit", "-qam", "elsewhere");
        SessionKit.git(origin, "checkout", "-q", "main");
        String originHead = SessionKit.git(origin, "rev-parse", branch);
        String canonicalHead = SessionKit.git(tmp.resolve("data/sessions").resolve(id), "--git-dir", "canonical", "rev-parse", branch);
        Run refused = shell("bob", link, "cd ~/work && echo more >> app.txt && steadystate publish; rc=$?");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stdout() + refused.stderr()).contains("non_fast_forward");
        assertThat(SessionKit.git(origin, "rev-parse", branch)).isEqualTo(originHead);
        // The sync part of publish did its job: canonical moved, by a merge of bob's change only.
        assertThat(SessionKit.git(tmp.resolve("data/sessions").resolve(id), "--git-dir", "canonical", "rev-parse", branch))
                .isNotEqualTo(canonicalHead);
    }

    @Test
    void theCommitAuthorIsTheLoginTheSshKeyProvedWhateverTheShellSays() throws Exception {
        String[] s = session("identity", Map.of("a.txt", "a\n"));
        String id = s[0];
        String link = s[1];
        Run spoof = shell("bob", link, "cd ~/work && echo b >> a.txt && STEADYSTATE_USER=alice GIT_AUTHOR_NAME=alice"
                + " GIT_AUTHOR_EMAIL=alice@example.invalid USER=alice steadystate sync; rc=$?");
        assertThat(spoof.exit()).as(spoof.toString()).isZero();
        assertThat(SessionKit.git(tmp.resolve("data/sessions").resolve(id), "--git-dir", "canonical", "log", "-1",
                "--format=%an <%ae>", "steadystate/collab/" + id)).isEqualTo("bob <bob@users.noreply.github.com>\n");

        Run forged = shell("bob", link, "cd ~/work && echo c >> a.txt && STEADYSTATE_TOKEN=forged steadystate sync; rc=$?");
        assertThat(forged.exit()).as(forged.toString()).isEqualTo(1);
        Run noToken = shell("bob", link, "cd ~/work && env -u STEADYSTATE_TOKEN steadystate sync; rc=$?");
        assertThat(noToken.exit()).as(noToken.toString()).isEqualTo(1);
        // Another member's worktree is not even there for bob: his processes see only his own home.
        Run otherWorktree = shell("bob", link, "cd ../../alice/work && steadystate sync; rc=$?");
        assertThat(otherWorktree.exit()).as(otherWorktree.toString()).isEqualTo(1);
        assertThat(otherWorktree.stdout() + otherWorktree.stderr()).contains("No such file or directory");
    }

    @Test
    void syncsGoThroughTheSessionsWarmSyncServiceAndAKilledServiceIsReplaced() throws Exception {
        String[] s = session("service", Map.of("a.txt", "a\n"));
        String id = s[0];
        String link = s[1];
        Path sessionDir = tmp.resolve("data/sessions").resolve(id);
        // The first sync asks the session to start alice's sync service (the creator's: member-0), which commits.
        Run first = shell("alice", link, "cd ~/work && echo 1 >> a.txt && steadystate sync; rc=$?");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(sessionDir.resolve("run/member-0/sync.sock")).exists();
        assertThat(Files.readString(sessionDir.resolve("activity-log"))).contains("\"event\":\"sync-service\"");

        Run served = shell("bob", link, "cd ~/work && echo 2 >> a.txt && steadystate sync --json; rc=$?");
        assertThat(served.exit()).as(served.toString()).isZero();
        assertThat(served.stdout()).contains("\"status\":\"synced\"");
        assertThat(SessionKit.git(sessionDir, "--git-dir", "canonical", "log", "-1", "--format=%an", "steadystate/collab/" + id))
                .isEqualTo("bob\n");

        // kill -9 alice's service: her next sync starts a new one and works.
        List<ProcessHandle> services = ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().orElse("").contains("sync-service")
                        && h.info().commandLine().orElse("").contains("--member alice")
                        && h.info().commandLine().orElse("").contains(sessionDir.toString()))
                .toList();
        assertThat(services).isNotEmpty();
        services.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : services) {
            h.onExit().get(10, TimeUnit.SECONDS);
        }
        Run after = shell("alice", link, "cd ~/work && echo 3 >> a.txt && steadystate sync; rc=$?");
        assertThat(after.exit()).as(after.toString()).isZero();
        assertThat(canonical(id, "a.txt")).isEqualTo("a\n1\n2\n3\n");
    }

    @Test
    void twentyConcurrentSyncsOverSshNeverLoseAnUpdateAndAKilledSyncIsFinishedByTheNext() throws Exception {
        String[] s = session("concurrent", Map.of("start.txt", "start\n"));
        String id = s[0];
        String link = s[1];
        List<Thread> threads = new ArrayList<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 20; i++) {
            String login = USERS.get(i % USERS.size());
            int n = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    Run r = shell(login, link, "cd ~/work && echo " + n + " > own-" + n + ".txt && steadystate sync; rc=$?");
                    if (r.exit() != 0) {
                        failures.add(login + " #" + n + ": " + r);
                    }
                } catch (Exception e) {
                    failures.add(login + " #" + n + ": " + e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(java.time.Duration.ofMinutes(5));
        }
        assertThat(failures).isEmpty();

        // A sync whose ssh client dies mid-way: the session ends the command (or its service finishes it).
        Path alice = worktree(id, "alice");
        Files.createDirectories(alice.resolve("bulk"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(alice.resolve("bulk/f" + i + ".txt").toAbsolutePath(), "x " + i + "\n",
                    java.nio.file.StandardOpenOption.CREATE_NEW);
        }
        List<String> argv = new ArrayList<>(List.of(CliProcess.LAUNCHER.toString(), "join", "--identity",
                tmp.resolve("keys/alice").toString(), link));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("STEADYSTATE_CONFIG_DIR", config("alice").toString());
        pb.environment().put("STEADYSTATE_BACKEND_URL", server.url());
        Process killed = pb.start();
        killed.getOutputStream().write("cd ~/work && steadystate sync; sleep 30\n".getBytes());
        killed.getOutputStream().flush();
        Thread.sleep(400);
        killed.descendants().forEach(ProcessHandle::destroyForcibly);
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

        for (String login : USERS) {
            Run r = shell(login, link, "cd ~/work && steadystate sync; rc=$?");
            assertThat(r.exit()).as(r.toString()).isZero();
        }
        String tree = SessionKit.git(tmp.resolve("data/sessions").resolve(id), "--git-dir", "canonical", "ls-tree", "-r",
                "--name-only", "steadystate/collab/" + id);
        for (int i = 0; i < 20; i++) {
            assertThat(tree).contains("own-" + i + ".txt\n");
            assertThat(canonical(id, "own-" + i + ".txt")).isEqualTo(i + "\n");
        }
        assertThat(tree.lines().filter(l -> l.startsWith("bulk/"))).hasSize(200);
        for (String login : USERS) {
            assertThat(worktree(id, login).resolve("own-19.txt")).hasContent("19");
        }
    }

    static Path config(String login) {
        return tmp.resolve("config-" + login);
    }



}
