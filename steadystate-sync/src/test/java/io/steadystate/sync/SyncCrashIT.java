package io.steadystate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a sync process with SIGKILL at random moments and checks that canonical is at the old or the
 * new commit, that the lock is free, and that the next sync brings everything together with nothing lost.
 */
class SyncCrashIT {

    private static final int FILES = 1500;
    private static final int EDITS = 150;

    @TempDir
    Path tmp;

    @Test
    void killedAtAnyPointCanonicalIsOldOrNewAndTheNextSyncRecovers() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("SyncCrashIT seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, String> files = new HashMap<>();
        for (int i = 0; i < FILES; i++) {
            files.put("pkg" + (i % 30) + "/File" + i + ".txt", ("line of file " + i + "\n").repeat(40));
        }
        SessionFixture s = SessionFixture.create(tmp, files);
        Worktree alice = s.join("alice");
        Worktree bob = s.join("bob");
        Map<String, String> expected = new HashMap<>(files);
        int killedBeforeCommit = 0;
        int killedAfterCommit = 0;
        int finishedAnyway = 0;
        for (int round = 0; round < 10; round++) {
            // Bob changes some files and syncs; alice changes others (and a few of the same, on other lines).
            List<String> paths = new ArrayList<>(files.keySet());
            java.util.Collections.shuffle(paths, random);
            for (String p : paths.subList(0, EDITS)) {
                String v = expected.get(p) + "bob " + round + "\n";
                Files.writeString(bob.root().resolve(p), v);
                expected.put(p, v);
            }
            new WorktreeSync(bob).sync(Author.ofLogin("bob"), SyncListener.SILENT);
            for (String p : paths.subList(EDITS / 2, EDITS / 2 + EDITS)) {
                String mine = "alice " + round + "\n" + Files.readString(alice.root().resolve(p));
                Files.writeString(alice.root().resolve(p), mine);
                expected.put(p, "alice " + round + "\n" + expected.get(p));
            }
            ObjectId before = s.head();

            Process child = startChild(alice, "alice");
            child.getInputStream().close();
            // A cold JVM needs a few hundred milliseconds before the sync starts; the sync itself about as long.
            boolean finished = child.waitFor(200 + random.nextInt(1600), TimeUnit.MILLISECONDS);
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (finished) {
                finishedAnyway++;
            }

            ObjectId after = s.head();
            if (after.equals(before)) {
                killedBeforeCommit++;
            } else {
                killedAfterCommit += finished ? 0 : 1;
                try (Repository repo = s.repo(); RevWalk walk = new RevWalk(repo)) {
                    RevCommit c = walk.parseCommit(after);
                    assertThat(c.getParentCount()).isEqualTo(1);
                    assertThat(c.getParent(0).getId()).isEqualTo(before);
                }
            }
            SyncResult recovered = new WorktreeSync(alice, Duration.ofSeconds(10)).sync(Author.ofLogin("alice"), SyncListener.SILENT);
            assertThat(recovered.conflicts()).as("round %d", round).isEmpty();
            new WorktreeSync(bob, Duration.ofSeconds(10)).sync(Author.ofLogin("bob"), SyncListener.SILENT);

            Map<String, String> tree = s.tree();
            assertThat(tree).as("round %d canonical", round).containsExactlyInAnyOrderEntriesOf(expected);
            for (Worktree w : List.of(alice, bob)) {
                for (var e : expected.entrySet()) {
                    assertThat(Files.readString(w.root().resolve(e.getKey()))).as("round %d %s", round, e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
        }
        System.out.println("SyncCrashIT: killed before the commit " + killedBeforeCommit + " times, after it "
                + killedAfterCommit + " times; finished before the kill " + finishedAnyway + " times");
    }

    static Process startChild(Worktree w, String login) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cp = new ArrayList<>();
        for (String prop : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                cp.add(v);
            }
        }
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, cp),
                SyncChild.class.getName(), w.root().toString(), login)
                .redirectErrorStream(true).start();
    }
}
