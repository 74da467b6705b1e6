package io.steadystate.sync;

import static io.steadystate.sync.SessionFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadystate.merge.tree.ConflictKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorktreeSyncTest {

    @TempDir
    Path tmp;

    private static SyncResult sync(Worktree w, String login) throws SyncException {
        return new WorktreeSync(w).sync(Author.ofLogin(login), SyncListener.SILENT);
    }

    private static String read(Worktree w, String path) throws Exception {
        return Files.readString(w.root().resolve(path));
    }

    @Test
    void pushesLocalChangesAsOneCommitAuthoredByTheUserAndPullsThemIntoOtherWorktrees() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("a.txt", "one\n", "src/b.txt", "two\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        ObjectId before = s.head();
        write(alice.root().resolve("a.txt"), "one changed\n");
        write(alice.root().resolve("src/new.txt"), "new\n");

        SyncResult r = sync(alice, "alice");

        assertThat(r.status()).isEqualTo(SyncResult.Status.SYNCED);
        assertThat(r.committed()).isTrue();
        assertThat(r.pushed()).containsExactly("a.txt", "src/new.txt");
        assertThat(r.previous()).isEqualTo(before.name());
        assertThat(s.tree()).containsEntry("a.txt", "one changed\n").containsEntry("src/new.txt", "new\n");
        try (Repository repo = s.repo(); RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(s.head());
            assertThat(c.getAuthorIdent().getName()).isEqualTo("alice");
            assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("alice@users.noreply.github.com");
            assertThat(c.getParents()).extracting(p -> p.getId().name()).containsExactly(before.name());
            assertThat(c.getFullMessage()).startsWith("alice: sync 2 files");
        }
        assertThat(alice.readState().lastSyncedCommit()).isEqualTo(s.head().name());
        assertThat(s.syncLog()).hasSize(1);
        assertThat(s.syncLog().get(0)).contains("\"user\":\"alice\"", "\"event\":\"sync\"", "\"pushed\":2");

        SyncResult b = sync(bob, "bob");
        assertThat(b.committed()).isFalse();
        assertThat(b.pulled()).containsExactly("a.txt", "src/new.txt");
        assertThat(read(bob, "a.txt")).isEqualTo("one changed\n");
        assertThat(read(bob, "src/new.txt")).isEqualTo("new\n");
        assertThat(bob.readState().lastSyncedCommit()).isEqualTo(s.head().name());
    }

    @Test
    void gitInTheWorktreeSeesOnlyTheUsersUnsyncedChangesAfterASync() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("a.txt", "a\n", "b.txt", "b\n", "c.txt", "c\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("a.txt"), "A\n");
        write(alice.root().resolve("new.txt"), "new\n");
        sync(alice, "alice");
        write(bob.root().resolve("b.txt"), "B\n");
        sync(bob, "bob");
        // Bob has pulled alice's changes; then he edits c.txt and does not sync it.
        write(bob.root().resolve("c.txt"), "C\n");

        String status = SessionFixture.git(bob.root(), "status", "--porcelain");
        assertThat(status).isEqualTo(" M c.txt\n");
        assertThat(SessionFixture.git(bob.root(), "rev-parse", "HEAD").strip()).isEqualTo(s.head().name());
        assertThat(SessionFixture.git(bob.root(), "log", "--format=%an", "-3")).startsWith("bob\nalice\n");
    }

    @Test
    void whenNothingChangedOnEitherSideItSaysSoAndWritesNothing() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("a.txt", "one\n"));
        Worktree alice = s.join("alice");
        byte[] state = Files.readAllBytes(alice.stateFile());
        var stateTime = Files.getLastModifiedTime(alice.stateFile());
        ObjectId head = s.head();

        SyncResult r = sync(alice, "alice");

        assertThat(r.status()).isEqualTo(SyncResult.Status.UP_TO_DATE);
        assertThat(s.head()).isEqualTo(head);
        assertThat(Files.readAllBytes(alice.stateFile())).isEqualTo(state);
        assertThat(Files.getLastModifiedTime(alice.stateFile())).isEqualTo(stateTime);
        assertThat(s.syncLog()).isEmpty();
        assertThat(alice.stateDir().resolve(WorktreeSync.STAT_CACHE)).doesNotExist();
    }

    @Test
    void concurrentEditsToDifferentLinesOfOneFileMergeAndBothWorktreesConverge() throws Exception {
        String base = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        SessionFixture s = SessionFixture.create(tmp, Map.of("f.txt", base));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("f.txt"), base.replace("2\n", "two\n"));
        write(bob.root().resolve("f.txt"), base.replace("8\n", "eight\n"));

        sync(alice, "alice");
        SyncResult rb = sync(bob, "bob");
        sync(alice, "alice");

        String expected = base.replace("2\n", "two\n").replace("8\n", "eight\n");
        assertThat(rb.status()).isEqualTo(SyncResult.Status.SYNCED);
        assertThat(s.tree()).containsEntry("f.txt", expected);
        assertThat(read(alice, "f.txt")).isEqualTo(expected);
        assertThat(read(bob, "f.txt")).isEqualTo(expected);
    }

    @Test
    void aConflictKeepsCanonicalsVersionMarksTheWorktreeAndBlocksTheFileUntilResolved() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("f.txt", "a\nb\nc\n", "other.txt", "x\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("f.txt"), "a\nALICE\nc\n");
        sync(alice, "alice");
        write(bob.root().resolve("f.txt"), "a\nBOB\nc\n");

        SyncResult r = sync(bob, "bob");

        assertThat(r.status()).isEqualTo(SyncResult.Status.CONFLICTS);
        assertThat(r.conflicts()).extracting(SyncConflict::path, SyncConflict::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("f.txt", ConflictKind.CONTENT));
        assertThat(s.show("f.txt")).isEqualTo("a\nALICE\nc\n");
        String marked = read(bob, "f.txt");
        assertThat(marked).contains("<<<<<<< canonical", "ALICE", "BOB", ">>>>>>> yours");
        assertThat(Files.readString(bob.stateDir().resolve("conflicts/f.txt"))).isEqualTo("a\nBOB\nc\n");
        assertThat(bob.readState().conflicts()).containsExactly("f.txt");

        // The next sync refuses to push the marked file but syncs everything else.
        write(bob.root().resolve("other.txt"), "y\n");
        SyncResult again = sync(bob, "bob");
        assertThat(again.status()).isEqualTo(SyncResult.Status.CONFLICTS);
        assertThat(again.unresolved()).containsExactly("f.txt");
        assertThat(again.pushed()).containsExactly("other.txt");
        assertThat(s.show("f.txt")).isEqualTo("a\nALICE\nc\n");
        assertThat(read(bob, "f.txt")).isEqualTo(marked);

        // Resolved: pushed.
        write(bob.root().resolve("f.txt"), "a\nALICE and BOB\nc\n");
        SyncResult resolved = sync(bob, "bob");
        assertThat(resolved.status()).isEqualTo(SyncResult.Status.SYNCED);
        assertThat(s.show("f.txt")).isEqualTo("a\nALICE and BOB\nc\n");
        assertThat(bob.readState().conflicts()).isEmpty();
        sync(alice, "alice");
        assertThat(read(alice, "f.txt")).isEqualTo("a\nALICE and BOB\nc\n");
    }

    @Test
    void aBinaryConflictIsNotPushedUntilTheUserChoosesASide() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("logo.bin", "\0base", "b.txt", "b\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("logo.bin"), "\0alice");
        sync(alice, "alice");
        write(bob.root().resolve("logo.bin"), "\0bob");

        SyncResult first = sync(bob, "bob");
        assertThat(first.conflicts()).extracting(SyncConflict::kind).containsExactly(ConflictKind.BINARY);
        assertThat(read(bob, "logo.bin")).isEqualTo("\0bob");

        // Syncing again without a decision pushes nothing of it.
        write(bob.root().resolve("b.txt"), "B\n");
        SyncResult again = sync(bob, "bob");
        assertThat(again.unresolved()).containsExactly("logo.bin");
        assertThat(again.pushed()).containsExactly("b.txt");
        assertThat(s.show("logo.bin")).isEqualTo("\0alice");

        new ConflictResolver(bob).resolve(List.of("logo.bin"), ConflictResolver.Choice.MINE);
        assertThat(bob.readState().conflicts()).isEmpty();
        SyncResult mine = sync(bob, "bob");
        assertThat(mine.pushed()).containsExactly("logo.bin");
        assertThat(s.show("logo.bin")).isEqualTo("\0bob");
        assertThat(bob.stateDir().resolve("conflicts/logo.bin")).doesNotExist();
    }

    @Test
    void takingCanonicalsSideReplacesTheMarkedFileAndPushesNothing() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("f.txt", "a\nb\nc\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("f.txt"), "a\nALICE\nc\n");
        sync(alice, "alice");
        write(bob.root().resolve("f.txt"), "a\nBOB\nc\n");
        sync(bob, "bob");
        assertThat(read(bob, "f.txt")).contains("<<<<<<<");

        new ConflictResolver(bob).resolve(List.of("f.txt"), ConflictResolver.Choice.CANONICAL);

        assertThat(read(bob, "f.txt")).isEqualTo("a\nALICE\nc\n");
        SyncResult r = sync(bob, "bob");
        assertThat(r.pushed()).isEmpty();
        assertThat(r.conflicts()).isEmpty();
        assertThatThrownBy(() -> new ConflictResolver(bob).resolve(List.of("f.txt"), ConflictResolver.Choice.MINE))
                .isInstanceOf(SyncException.class).hasMessageContaining("no conflict is recorded at f.txt");
    }

    @Test
    void filesWhoseNamesStartWithGitSyncLikeAnyOtherAndAreNeverDeletedByARefresh() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of(".gitignore", "build/\n", ".gitattributes", "* text=auto\n",
                ".github/workflows/ci.yml", "on: push\n", "a.txt", "a\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve(".gitignore"), "build/\n*.log\n");
        write(alice.root().resolve(".github/workflows/ci.yml"), "on: [push, pull_request]\n");
        write(alice.root().resolve(".gitmodules"), "");
        write(alice.root().resolve("a.txt"), "A\n");

        sync(alice, "alice");
        sync(bob, "bob");

        assertThat(s.tree()).containsEntry(".gitignore", "build/\n*.log\n")
                .containsEntry(".github/workflows/ci.yml", "on: [push, pull_request]\n")
                .containsEntry(".gitattributes", "* text=auto\n").containsKey(".gitmodules");
        for (Worktree w : List.of(alice, bob)) {
            assertThat(read(w, ".gitignore")).isEqualTo("build/\n*.log\n");
            assertThat(read(w, ".gitattributes")).isEqualTo("* text=auto\n");
            assertThat(read(w, ".github/workflows/ci.yml")).isEqualTo("on: [push, pull_request]\n");
            assertThat(w.root().resolve(".gitmodules")).exists();
        }
    }

    @Test
    void theRefreshWritesOnlyTheFilesTheMergeChanged() throws Exception {
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            files.put("d" + (i % 5) + "/f" + i + ".txt", "file " + i + "\n");
        }
        SessionFixture s = SessionFixture.create(tmp, files);
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        Map<String, Object> inodesBefore = new HashMap<>();
        for (String p : files.keySet()) {
            inodesBefore.put(p, Files.getAttribute(bob.root().resolve(p), "unix:ino", LinkOption.NOFOLLOW_LINKS));
        }
        write(alice.root().resolve("d1/f6.txt"), "changed\n");
        sync(alice, "alice");

        SyncResult r = sync(bob, "bob");

        assertThat(r.pulled()).containsExactly("d1/f6.txt");
        for (String p : files.keySet()) {
            Object ino = Files.getAttribute(bob.root().resolve(p), "unix:ino", LinkOption.NOFOLLOW_LINKS);
            if (p.equals("d1/f6.txt")) {
                assertThat(ino).isNotEqualTo(inodesBefore.get(p));
            } else {
                assertThat(ino).as(p).isEqualTo(inodesBefore.get(p));
            }
        }
    }

    @Test
    void aFileSavedWhileTheSyncRunsIsLeftAloneAndTheOtherSidesChangeIsNotLostLater() throws Exception {
        String base = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        SessionFixture s = SessionFixture.create(tmp, Map.of("f.txt", base));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("f.txt"), base.replace("9\n", "nine\n"));
        sync(alice, "alice");
        write(bob.root().resolve("f.txt"), base.replace("1\n", "one\n"));
        String savedDuringSync = base.replace("1\n", "one\n").replace("5\n", "five\n");

        SyncResult r = new WorktreeSync(bob).sync(Author.ofLogin("bob"), message -> {
            if (message.equals("updating the worktree")) {
                try {
                    write(bob.root().resolve("f.txt"), savedDuringSync);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });

        assertThat(r.skipped()).containsExactly("f.txt");
        assertThat(read(bob, "f.txt")).isEqualTo(savedDuringSync);
        assertThat(s.show("f.txt")).isEqualTo(base.replace("1\n", "one\n").replace("9\n", "nine\n"));
        SyncResult next = sync(bob, "bob");
        String all = base.replace("1\n", "one\n").replace("5\n", "five\n").replace("9\n", "nine\n");
        assertThat(next.status()).isEqualTo(SyncResult.Status.SYNCED);
        assertThat(s.show("f.txt")).isEqualTo(all);
        assertThat(read(bob, "f.txt")).isEqualTo(all);
    }

    @Test
    void symlinksExecutableBitsAndSubmodulesSurviveARoundTrip() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source);
        SessionFixture.git(source, "init", "-q", "-b", "main");
        write(source.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        SessionFixture.executable(source.resolve("run.sh"));
        write(source.resolve("target.txt"), "t\n");
        Files.createSymbolicLink(source.resolve("link"), Path.of("target.txt"));
        Files.createSymbolicLink(source.resolve("dangling"), Path.of("does/not/exist"));
        SessionFixture.git(source, "add", "-A");
        SessionFixture.git(source, "update-index", "--add", "--cacheinfo",
                "160000,1234567890123456789012345678901234567890,vendor/lib");
        SessionFixture s = SessionFixture.createFrom(tmp, source, false);
        ObjectId start = s.head();
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        String lsBefore = SessionFixture.git(s.dir, "--git-dir", s.canonical.toString(), "ls-tree", "-r", start.name());
        write(alice.root().resolve("target.txt"), "t2\n");

        sync(alice, "alice");

        String lsAfter = SessionFixture.git(s.dir, "--git-dir", s.canonical.toString(), "ls-tree", "-r", s.head().name());
        assertThat(lines(lsAfter, "target.txt")).isNotEqualTo(lines(lsBefore, "target.txt"));
        assertThat(without(lsAfter, "target.txt")).isEqualTo(without(lsBefore, "target.txt"));
        assertThat(lsAfter).contains("160000 commit 1234567890123456789012345678901234567890\tvendor/lib",
                "100755 blob", "120000 blob");

        // A mode change travels too, and bob's worktree gets it.
        Files.setPosixFilePermissions(alice.root().resolve("run.sh"), java.util.Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE));
        sync(alice, "alice");
        assertThat(SessionFixture.git(s.dir, "--git-dir", s.canonical.toString(), "ls-tree", s.head().name(), "run.sh"))
                .startsWith("100644");
        sync(bob, "bob");
        assertThat(Files.isExecutable(bob.root().resolve("run.sh"))).isFalse();
        assertThat(Files.readSymbolicLink(bob.root().resolve("link"))).isEqualTo(Path.of("target.txt"));
        assertThat(Files.readSymbolicLink(bob.root().resolve("dangling"))).isEqualTo(Path.of("does/not/exist"));
        assertThat(read(bob, "target.txt")).isEqualTo("t2\n");
    }

    private static String lines(String ls, String path) {
        return ls.lines().filter(l -> l.endsWith("\t" + path)).findFirst().orElse("");
    }

    private static List<String> without(String ls, String path) {
        return ls.lines().filter(l -> !l.endsWith("\t" + path)).toList();
    }

    @Test
    void ignoredBuildOutputAndEditorFilesNeverReachCanonicalButTrackedIgnoredFilesStay() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of(".gitignore", "build/\n*.log\n", "a.txt", "a\n"));
        // A file tracked although an ignore rule matches it (git add -f).
        write(s.dir.resolve("../source/keep.log"), "tracked\n");
        SessionFixture.git(tmp.resolve("source"), "add", "-f", "keep.log");
        SessionFixture.git(tmp.resolve("source"), "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "log");
        SessionFixture.git(s.canonical, "fetch", "-q", tmp.resolve("source").toString(), "main:" + SessionFixture.BRANCH);
        Worktree alice = s.join("alice");
        write(alice.root().resolve("build/classes/A.class"), "binary");
        write(alice.root().resolve("debug.log"), "noise\n");
        write(alice.root().resolve(".a.txt.swp"), "swap");
        write(alice.root().resolve("a.txt"), "A\n");

        SyncResult r = sync(alice, "alice");

        assertThat(r.pushed()).containsExactly("a.txt");
        assertThat(s.tree()).containsOnlyKeys(".gitignore", "a.txt", "keep.log");
        assertThat(s.tree()).containsEntry("keep.log", "tracked\n");
        assertThat(alice.root().resolve("build/classes/A.class")).exists();
    }

    @Test
    void deleteModifyAddAddAndLargeFilesAreHandledPerFileWithoutAbortingTheSync() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            big.append("line ").append(i).append(" of a large text file\n");
        }
        String large = big.toString();
        assertThat(large.length()).isGreaterThan(1_000_000);
        SessionFixture s = SessionFixture.create(tmp, Map.of("gone.txt", "g\n", "kept.txt", "k\n", "big.txt", large,
                "plain.txt", "p\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        Files.delete(alice.root().resolve("gone.txt"));
        write(alice.root().resolve("kept.txt"), "k changed by alice\n");
        write(alice.root().resolve("both.txt"), "alice's\n");
        write(alice.root().resolve("big.txt"), large.replace("line 10 of", "LINE 10 of"));
        sync(alice, "alice");
        write(bob.root().resolve("gone.txt"), "g changed by bob\n");
        Files.delete(bob.root().resolve("kept.txt"));
        write(bob.root().resolve("both.txt"), "bob's\n");
        write(bob.root().resolve("big.txt"), large.replace("line 39990 of", "LINE 39990 of"));
        write(bob.root().resolve("plain.txt"), "p by bob\n");

        SyncResult r = sync(bob, "bob");

        assertThat(r.conflicts()).extracting(SyncConflict::path).containsExactly("both.txt", "gone.txt", "kept.txt");
        assertThat(s.show("plain.txt")).isEqualTo("p by bob\n");
        assertThat(s.show("big.txt")).isEqualTo(large.replace("line 10 of", "LINE 10 of").replace("line 39990 of", "LINE 39990 of"));
        assertThat(s.show("both.txt")).isEqualTo("alice's\n");
        assertThat(s.show("kept.txt")).isEqualTo("k changed by alice\n");
        assertThat(s.tree()).doesNotContainKey("gone.txt");
        // Bob keeps his side of each: markers, his changed file, and alice's change back where he deleted it.
        assertThat(read(bob, "both.txt")).contains("<<<<<<<", "alice's", "bob's");
        assertThat(read(bob, "gone.txt")).isEqualTo("g changed by bob\n");
        assertThat(read(bob, "kept.txt")).isEqualTo("k changed by alice\n");
    }

    @Test
    void worksFromAnySubdirectoryOfTheWorktree() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("src/main/A.java", "class A {}\n"));
        Worktree alice = s.join("alice");
        Worktree found = Worktree.locate(alice.root().resolve("src/main"));
        assertThat(found.root()).isEqualTo(alice.root());
        assertThat(found.canonical()).isEqualTo(s.canonical.toAbsolutePath().normalize());
        write(alice.root().resolve("src/main/A.java"), "class A { int x; }\n");
        assertThat(sync(found, "alice").pushed()).containsExactly("src/main/A.java");
    }

    @Test
    void outsideAWorktreeItSaysWhereToRunIt() {
        assertThatThrownBy(() -> Worktree.locate(tmp)).isInstanceOf(SyncException.class)
                .hasMessageContaining("not inside a SteadyState worktree");
    }

    @Test
    void aDamagedStateFileIsReportedAndNothingChanges() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("a.txt", "a\n"));
        Worktree alice = s.join("alice");
        write(alice.root().resolve("a.txt"), "A\n");
        Files.writeString(alice.stateFile(), "{ not json");
        ObjectId head = s.head();

        assertThatThrownBy(() -> sync(alice, "alice")).isInstanceOf(SyncException.class)
                .hasMessageContaining("steadystate.json");
        assertThat(s.head()).isEqualTo(head);
        assertThat(read(alice, "a.txt")).isEqualTo("A\n");
    }

    @Test
    void concurrentSyncsOfManyWorktreesNeverLoseAnUpdate() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("shared.txt", "start\n"));
        int n = 20;
        List<Worktree> trees = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            trees.add(s.join("user" + i));
        }
        for (int i = 0; i < n; i++) {
            write(trees.get(i).root().resolve("own/" + i + ".txt"), "from " + i + "\n");
        }
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            Worktree w = trees.get(i);
            String login = "user" + i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    sync(w, login);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(java.time.Duration.ofSeconds(120));
        }
        assertThat(failures).isEmpty();
        Map<String, String> tree = s.tree();
        for (int i = 0; i < n; i++) {
            assertThat(tree).containsEntry("own/" + i + ".txt", "from " + i + "\n");
        }
        assertThat(s.syncLog()).hasSize(n);
    }

    @Test
    void theStatCacheSpotsAChangeThatKeepsTheSize() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("a.txt", "aaaa\n"));
        Worktree alice = s.join("alice");
        write(alice.root().resolve("a.txt"), "bbbb\n");
        sync(alice, "alice");
        assertThat(alice.stateDir().resolve(WorktreeSync.STAT_CACHE)).exists();
        write(alice.root().resolve("a.txt"), "cccc\n");
        assertThat(sync(alice, "alice").pushed()).containsExactly("a.txt");
        assertThat(s.show("a.txt")).isEqualTo("cccc\n");
    }

    @Test
    void aSyncThatDiesAfterItsCommitIsFinishedByTheNextOne() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("a.txt", "a\n", "b.txt", "b\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(bob.root().resolve("b.txt"), "B\n");
        sync(bob, "bob");
        write(alice.root().resolve("a.txt"), "A\n");

        assertThatThrownBy(() -> new WorktreeSync(alice).sync(Author.ofLogin("alice"), message -> {
            if (message.equals("updating the worktree")) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        assertThat(alice.readState().pending()).isNotNull();
        assertThat(s.show("a.txt")).isEqualTo("A\n");
        assertThat(read(alice, "b.txt")).isEqualTo("b\n");

        SyncResult r = sync(alice, "alice");

        assertThat(r.conflicts()).isEmpty();
        assertThat(r.committed()).isFalse();
        assertThat(read(alice, "b.txt")).isEqualTo("B\n");
        assertThat(alice.readState().pending()).isNull();
        assertThat(alice.readState().lastSyncedCommit()).isEqualTo(s.head().name());
        assertThat(s.tree()).containsEntry("a.txt", "A\n").containsEntry("b.txt", "B\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void filesInFoldersNewToTheWorktreeArriveOnTheFirstSync() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("a.txt", "a\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("new/deeper/still/file.txt"), "nested\n");
        write(alice.root().resolve("new/top.txt"), "top\n");
        sync(alice, "alice");

        SyncResult r = sync(bob, "bob");

        assertThat(r.skipped()).isEmpty();
        assertThat(r.pulled()).containsExactly("new/deeper/still/file.txt", "new/top.txt");
        assertThat(read(bob, "new/deeper/still/file.txt")).isEqualTo("nested\n");
        assertThat(read(bob, "new/top.txt")).isEqualTo("top\n");
        assertThat(bob.readState().baseOverrides()).isEmpty();
        assertThat(sync(bob, "bob").status()).isEqualTo(SyncResult.Status.UP_TO_DATE);
    }

    @Test
    void theTwoHalvesOfASyncRunApartThroughTheirJsonForm() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("f.txt", "a\nb\nc\n"));
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        write(alice.root().resolve("f.txt"), "a\nALICE\nc\n");
        sync(alice, "alice");
        write(bob.root().resolve("f.txt"), "a\nBOB\nc\n");
        write(bob.root().resolve("g.txt"), "g\n");

        WorktreeSync sync = new WorktreeSync(bob);
        SyncResult r;
        try (var lock = sync.lockWorktree("bob", SyncListener.SILENT)) {
            SyncCommit c = sync.commit(Author.ofLogin("bob"), SessionFixture.BRANCH, SyncListener.SILENT);
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            SyncCommit copy = mapper.readValue(mapper.writeValueAsString(c), SyncCommit.class);
            assertThat(copy).isEqualTo(c);
            r = sync.apply(copy, SyncListener.SILENT);
        }

        assertThat(r.status()).isEqualTo(SyncResult.Status.CONFLICTS);
        assertThat(read(bob, "f.txt")).contains("<<<<<<< canonical", "ALICE", "BOB", ">>>>>>> yours");
        assertThat(s.show("g.txt")).isEqualTo("g\n");
        assertThat(bob.readState().lastSyncedCommit()).isEqualTo(s.head().name());
    }

    @Test
    void theCommitHalfRefusesAStateThatNamesAnotherBranch() throws Exception {
        SessionFixture s = SessionFixture.create(tmp, Map.of("f.txt", "a\n"));
        Worktree alice = s.join("alice");
        ObjectId before = s.head();
        write(alice.root().resolve("f.txt"), "changed\n");

        assertThatThrownBy(() -> new WorktreeSync(alice).commit(Author.ofLogin("alice"), "steadystate/collab/other",
                SyncListener.SILENT)).isInstanceOf(SyncException.class).hasMessageContaining("refuses");
        assertThat(s.head()).isEqualTo(before);
    }
}
