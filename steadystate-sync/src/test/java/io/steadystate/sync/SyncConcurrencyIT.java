package io.steadystate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Twenty sync processes on one canonical repository at once: the operating-system lock serializes them. */
class SyncConcurrencyIT {

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void twentyConcurrentSyncProcessesNeverLoseAnUpdate() throws Exception {
        StringBuilder shared = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            shared.append("line ").append(i).append("\n\n\n");
        }
        SessionFixture s = SessionFixture.create(tmp, Map.of("shared.txt", shared.toString()));
        List<Worktree> trees = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Worktree w = s.join("user" + i);
            trees.add(w);
            // Each changes its own line of one shared file, and adds a file of its own.
            String mine = Files.readString(w.root().resolve("shared.txt")).replace("line " + i + "\n", "line " + i + " by user" + i + "\n");
            Files.writeString(w.root().resolve("shared.txt"), mine);
            Files.writeString(w.root().resolve("own-" + i + ".txt"), "user" + i + "\n");
        }
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            children.add(SyncCrashIT.startChild(trees.get(i), "user" + i));
        }
        Map<Integer, String> outputs = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            Process p = children.get(i);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            outputs.put(i, out);
            assertThat(p.exitValue()).as("user%d: %s", i, out).isZero();
        }
        Map<String, String> tree = s.tree();
        for (int i = 0; i < 20; i++) {
            assertThat(tree).containsEntry("own-" + i + ".txt", "user" + i + "\n");
            assertThat(tree.get("shared.txt")).contains("line " + i + " by user" + i + "\n");
        }
        assertThat(s.syncLog()).hasSize(20);
        try (var repo = s.repo(); var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            walk.markStart(walk.parseCommit(s.head()));
            int commits = 0;
            for (var c : walk) {
                commits++;
            }
            assertThat(commits).isEqualTo(21);
        }
    }
}
