package io.steadystate.cli.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadystate.cli.CapturedOutput;
import io.steadystate.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** steadystate status in real worktrees of a bare canonical repository. */
class StatusCommandTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private SessionFixture session;

    @BeforeEach
    void createSession() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# demo\n");
        files.put("src/App.java", "class App {\n}\n");
        files.put("src/util/Text.java", "class Text {\n}\n");
        files.put("run.sh", "echo run\n");
        files.put(".gitignore", "build/\n*.log\n");
        files.put(".github/workflows/ci.yml", "on: push\n");
        session = SessionFixture.create(tmp, files);
    }

    private int run(String... args) {
        output.reset();
        return Main.run(Map.of(), args);
    }

    private String status(Path dir) {
        assertThat(run("status", "-C", dir.toString())).as(output.err()).isEqualTo(0);
        assertThat(output.err()).isEmpty();
        return output.out();
    }

    private JsonNode json(Path dir) throws IOException {
        assertThat(run("status", "--json", "-C", dir.toString())).as(output.err()).isEqualTo(0);
        String out = output.out();
        assertThat(out).endsWith("\n").doesNotContain("\033");
        assertThat(out.strip()).doesNotContain("\n");
        return new ObjectMapper().readTree(out);
    }

    /** The "status label path" lines of the listing, without the tab and padding. */
    private static List<String> listed(String out) {
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("\t")) {
                lines.add(line.strip().replaceAll(" {2,}", " "));
            }
        }
        return lines;
    }

    @Test
    void aCleanWorktreeHasNothingToSync() throws IOException {
        String head = session.head();
        String out = status(session.work);
        assertThat(out).isEqualTo("Session s1, branch steadystate/collab/s1, worktree of carol\n"
                + "Up to date with the session branch (last synced at " + head.substring(0, 7) + ").\n"
                + "\n"
                + "Nothing to sync: the worktree matches your last sync.\n");
        JsonNode j = json(session.work);
        assertThat(j.get("clean").asBoolean()).isTrue();
        assertThat(j.get("changes")).isEmpty();
        assertThat(j.get("conflicts")).isEmpty();
        assertThat(j.get("last_synced_commit").asText()).isEqualTo(head);
        assertThat(j.get("session_head").asText()).isEqualTo(head);
        assertThat(j.get("commits_ahead").asInt()).isZero();
        assertThat(j.get("sync_would_pull").asBoolean()).isFalse();
    }

    @Test
    void eachKindOfChangeIsShown() throws IOException {
        session.write("README.md", "# demo, changed\n");
        session.write("src/New.java", "class New {\n}\n");
        Files.delete(session.work.resolve("src/util/Text.java"));
        session.chmod("run.sh", "rwxr-xr-x");
        Files.delete(session.work.resolve("src/App.java"));
        Files.createSymbolicLink(session.work.resolve("src/App.java"), Path.of("New.java"));

        String out = status(session.work);
        assertThat(listed(out)).containsExactly(
                "modified: README.md",
                "mode change: run.sh",
                "type change: src/App.java",
                "added: src/New.java",
                "deleted: src/util/Text.java");
        assertThat(out).contains("\nChanges not synced yet:\n\tmodified:     README.md\n")
                .endsWith("\nRun 'steadystate diff' to see the changes, 'steadystate sync' to share them.\n");

        JsonNode changes = json(session.work).get("changes");
        assertThat(changes).hasSize(5);
        assertThat(changes.get(0).toString())
                .isEqualTo("{\"path\":\"README.md\",\"status\":\"modified\",\"old_kind\":\"file\",\"new_kind\":\"file\"}");
        assertThat(changes.get(1).toString())
                .isEqualTo("{\"path\":\"run.sh\",\"status\":\"mode-changed\",\"old_kind\":\"file\",\"new_kind\":\"executable\"}");
        assertThat(changes.get(2).toString())
                .isEqualTo("{\"path\":\"src/App.java\",\"status\":\"type-changed\",\"old_kind\":\"file\",\"new_kind\":\"symlink\"}");
        assertThat(changes.get(3).toString())
                .isEqualTo("{\"path\":\"src/New.java\",\"status\":\"added\",\"old_kind\":null,\"new_kind\":\"file\"}");
        assertThat(changes.get(4).toString())
                .isEqualTo("{\"path\":\"src/util/Text.java\",\"status\":\"deleted\",\"old_kind\":\"file\",\"new_kind\":null}");
    }

    @Test
    void anExecutableBitAndContentChangedTogetherIsAModification() throws IOException {
        session.write("run.sh", "echo faster\n");
        session.chmod("run.sh", "rwxr-xr-x");
        assertThat(listed(status(session.work))).containsExactly("modified: run.sh");
        JsonNode c = json(session.work).get("changes").get(0);
        assertThat(c.get("old_kind").asText()).isEqualTo("file");
        assertThat(c.get("new_kind").asText()).isEqualTo("executable");
    }

    @Test
    void ignoredBuildOutputIsNotShownButGitignoreAndGithubFilesAre() throws IOException {
        session.write("build/classes/App.class", "\u0000\u0001");
        session.write("debug.log", "noise\n");
        session.write(".steadystate/scratch", "state of sync\n");
        session.write("notes.txt~", "editor backup\n");
        session.write(".gitignore", "build/\n*.log\nout/\n");
        session.write(".github/workflows/release.yml", "on: tag\n");
        assertThat(listed(status(session.work))).containsExactly(
                "added: .github/workflows/release.yml",
                "modified: .gitignore");
    }

    @Test
    void aTrackedFileThatGitignoreMatchesStaysTracked() throws IOException {
        session.commitAs("alice", Map.of("logs/keep.log", "kept\n", "logs/gone.log", "gone\n", "logs/same.log", "same\n"));
        session.git(session.work, "checkout", "-q", "--detach", session.head());
        session.state(session.head(), List.of(), Map.of());
        assertThat(listed(status(session.work))).isEmpty();

        session.write("logs/keep.log", "kept, changed\n");
        Files.delete(session.work.resolve("logs/gone.log"));
        session.write("logs/new.log", "ignored, untracked\n");
        assertThat(listed(status(session.work))).containsExactly("deleted: logs/gone.log", "modified: logs/keep.log");
    }

    @Test
    void aSubmoduleOfTheBaseIsUnchangedWhileItsFolderExists() throws IOException {
        String commit = session.head();
        // An empty folder where the submodule goes, as a checkout without the submodule has.
        Files.createDirectories(tmp.resolve("scratch/lib/sub"));
        session.git(tmp.resolve("scratch"), "update-index", "--add", "--cacheinfo", "160000," + commit + ",lib/sub");
        session.commitAs("alice", Map.of());
        String head = session.head();
        session.git(session.work, "checkout", "-q", "--detach", head);
        session.state(head, List.of(), Map.of());
        assertThat(session.work.resolve("lib/sub")).isDirectory();
        assertThat(listed(status(session.work))).isEmpty();

        Files.delete(session.work.resolve("lib/sub"));
        assertThat(listed(status(session.work))).containsExactly("deleted: lib/sub");
        assertThat(json(session.work).get("changes").get(0).get("old_kind").asText()).isEqualTo("gitlink");
    }

    @Test
    void pathsAreRelativeToTheFolderItRunsFrom() throws IOException {
        session.write("README.md", "# changed\n");
        session.write("src/util/Text.java", "class Text { }\n");
        session.write("docs/guide.md", "guide\n");
        String out = status(session.work.resolve("src/util"));
        assertThat(listed(out)).containsExactly("modified: ../../README.md", "added: ../../docs/guide.md",
                "modified: Text.java");
        // --json keeps paths from the root, wherever it runs.
        JsonNode j = json(session.work.resolve("src"));
        assertThat(j.get("changes").get(2).get("path").asText()).isEqualTo("src/util/Text.java");
        assertThat(j.get("root").asText()).isEqualTo(session.work.toString());
    }

    @Test
    void outputIsSortedInGitOrderAndStable() throws IOException {
        session.write("README.md", "# changed\n");
        for (String name : List.of("a0", "a/b", "B", "a-b", "\u00e9t\u00e9", "Z.txt", "a.txt")) {
            session.write(name, name + "\n");
        }
        String first = status(session.work);
        assertThat(listed(first)).containsExactly("added: B", "modified: README.md", "added: Z.txt",
                "added: a-b", "added: a.txt", "added: a/b", "added: a0", "added: \u00e9t\u00e9");
        assertThat(status(session.work)).isEqualTo(first);
        List<String> paths = new ArrayList<>();
        json(session.work).get("changes").forEach(c -> paths.add(c.get("path").asText()));
        assertThat(paths).containsExactly("B", "README.md", "Z.txt", "a-b", "a.txt", "a/b", "a0", "\u00e9t\u00e9");
    }

    @Test
    void jsonHasEveryDocumentedField() throws IOException {
        session.write("README.md", "# changed\n");
        JsonNode j = json(session.work);
        List<String> fields = new ArrayList<>();
        j.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("root", "session_id", "branch", "user", "last_synced_commit", "session_head",
                "commits_ahead", "sync_would_pull", "incoming", "sync_interrupted", "clean", "changes", "conflicts");
        assertThat(j.get("session_id").asText()).isEqualTo("s1");
        assertThat(j.get("branch").asText()).isEqualTo(SessionFixture.BRANCH);
        assertThat(j.get("user").asText()).isEqualTo("carol");
        assertThat(j.get("clean").asBoolean()).isFalse();
        assertThat(j.get("sync_interrupted").asBoolean()).isFalse();
    }

    @Test
    void baseOverridesAreTheBaseOfTheirPaths() throws IOException {
        // README.md's base is the content now on disk; App.java's base is "absent"; Extra.java's base is
        // a file that is not on disk.
        session.write("README.md", "# as the override says\n");
        Map<String, String[]> overrides = new HashMap<>();
        overrides.put("README.md", new String[] {"file", session.blobId("# as the override says\n")});
        overrides.put("src/App.java", null);
        overrides.put("src/Extra.java", new String[] {"file", session.blobId("class Extra {}\n")});
        session.state(session.head(), List.of(), overrides);
        assertThat(listed(status(session.work))).containsExactly("added: src/App.java", "deleted: src/Extra.java");

        // An executable override: the file on disk is not executable, so its mode changed. Without its
        // override, README.md is compared with the last synced commit again.
        session.state(session.head(), List.of(), Map.of("run.sh", new String[] {"executable", session.blobId("echo run\n")}));
        assertThat(listed(status(session.work))).containsExactly("modified: README.md", "mode change: run.sh");
    }

    @Test
    void conflictsWithMarkersAreUnresolved() throws IOException {
        session.write("src/App.java", "class App {\n<<<<<<< carol\n  int a;\n=======\n  int b;\n>>>>>>> canonical\n}\n");
        session.write("README.md", "# resolved\n");
        session.state(session.head(), List.of("src/App.java", "README.md"), Map.of());
        String out = status(session.work);
        assertThat(listed(out)).containsExactly("modified: README.md", "conflict: src/App.java");
        assertThat(out).contains("\nUnresolved conflicts (edit out the conflict markers, then sync):\n\tconflict:     src/App.java\n");
        JsonNode j = json(session.work);
        assertThat(j.get("conflicts").toString()).isEqualTo("[\"src/App.java\"]");
        assertThat(j.get("changes")).hasSize(1);

        session.write("src/App.java", "class App {\n  int a;\n  int b;\n}\n");
        assertThat(listed(status(session.work))).containsExactly("modified: README.md", "modified: src/App.java");
    }

    @Test
    void showsHowFarTheSessionBranchMoved() throws IOException {
        String synced = session.head();
        session.commitAs("bob", Map.of("README.md", "# demo by bob\n"));
        session.commitAs("bob", Map.of("src/Bob.java", "class Bob {}\n"));
        String head = session.head();
        String out = status(session.work);
        assertThat(out).contains("The session branch is 2 commits ahead of your last sync (" + synced.substring(0, 7)
                + "): a sync would bring in 2 files.\n");
        JsonNode j = json(session.work);
        assertThat(j.get("session_head").asText()).isEqualTo(head);
        assertThat(j.get("commits_ahead").asInt()).isEqualTo(2);
        assertThat(j.get("sync_would_pull").asBoolean()).isTrue();
        assertThat(j.get("incoming").toString()).isEqualTo("[\"README.md\",\"src/Bob.java\"]");

        // The worktree already holds what the branch brings: nothing left to pull, and both are local changes.
        session.write("README.md", "# demo by bob\n");
        session.write("src/Bob.java", "class Bob {}\n");
        assertThat(status(session.work)).contains("The session branch is 2 commits ahead of your last sync ("
                + synced.substring(0, 7) + "), with nothing a sync would bring in.\n");
        assertThat(json(session.work).get("sync_would_pull").asBoolean()).isFalse();
    }

    @Test
    void anInterruptedSyncIsReported() throws IOException {
        String head = session.head();
        Path state = session.work.resolve(".steadystate/steadystate.json");
        Files.writeString(state, Files.readString(state).strip().replaceFirst("}$",
                ",\"pending\":{\"commit\":\"" + head + "\",\"written\":{}}}\n"));
        assertThat(status(session.work)).contains("A sync stopped while it updated this worktree; run 'steadystate sync' to finish it.\n");
        assertThat(json(session.work).get("sync_interrupted").asBoolean()).isTrue();
    }

    @Test
    void outsideAWorktreeItFailsAndWritesNothing() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertThat(run("status", "-C", elsewhere.toString())).isEqualTo(255);
        assertThat(output.out()).isEmpty();
        assertThat(output.err()).startsWith("error: " + elsewhere + " is not inside a SteadyState worktree")
                .contains("run this inside your session worktree");
        assertThat(run("status", "--json", "-C", elsewhere.toString())).isEqualTo(255);
        assertThat(output.out()).isEmpty();
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aDamagedStateFileIsAnError() throws IOException {
        Files.writeString(session.work.resolve(".steadystate/steadystate.json"), "{\"branch\":\"b\"}");
        assertThat(run("status", "-C", session.work.toString())).isEqualTo(255);
        assertThat(output.err()).startsWith("error: could not read ").contains("sync state is damaged");
        assertThat(output.out()).isEmpty();
    }

    @Test
    void colourOnlyWhenAsked() throws IOException {
        session.write("README.md", "# changed\n");
        session.write("new.txt", "new\n");
        // Not a terminal here: no escapes even without NO_COLOR.
        assertThat(status(session.work)).doesNotContain("\033");
        try (OpenWorktree wt = OpenWorktree.open(session.work)) {
            Status s = Status.of(wt);
            assertThat(StatusText.format(s, wt::display, true))
                    .contains("\t\033[33mmodified:     README.md\033[m\n")
                    .contains("\t\033[32madded:        new.txt\033[m\n");
            assertThat(StatusText.format(s, wt::display, false)).doesNotContain("\033");
        }
    }
}
