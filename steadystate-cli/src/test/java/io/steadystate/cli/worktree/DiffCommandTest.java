package io.steadystate.cli.worktree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.cli.CapturedOutput;
import io.steadystate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** steadystate diff, compared byte for byte with git diff in the same worktree. */
class DiffCommandTest {

    private static final String CALC = """
            package demo;

            public class Calc {
                int add(int a, int b) {
                    return a + b;
                }

                int sub(int a, int b) {
                    return a - b;
                }

                int mul(int a, int b) {
                    return a * b;
                }
            }

            class Helper {
                static int one() {
                    return 1;
                }

                static int two() {
                    return 2;
                }

                static int three() {
                    return 3;
                }
            }
            """;

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private SessionFixture session;
    private String synced;

    @BeforeEach
    void createSession() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/Calc.java", CALC);
        files.put("README.md", "# demo\n");
        files.put("notes/no newline.txt", "last line");
        files.put("notes/gone.txt", "one\ntwo\n");
        files.put("run.sh", "echo run\n");
        files.put("build.sh", "echo build\n");
        files.put("caf\u00e9.txt", "cr\u00e8me\n");
        files.put("link-me.txt", "a file that becomes a link\n");
        files.put("data.bin", "\u0000\u0001\u0002 binary\n");
        files.put(".gitignore", "out/\n");
        session = SessionFixture.create(tmp, files);
        synced = session.head();
    }

    private int run(String... args) {
        output.reset();
        return Main.run(Map.of(), args);
    }

    /** steadystate diff from {@code dir} with {@code paths}. */
    private String ours(Path dir, String... paths) {
        List<String> args = new ArrayList<>(List.of("diff", "-C", dir.toString()));
        args.addAll(List.of(paths));
        assertThat(run(args.toArray(String[]::new))).as(output.err()).isEqualTo(0);
        assertThat(output.err()).isEmpty();
        return output.out();
    }

    /** git diff of the worktree against the last synced commit; files to add first are marked intent-to-add. */
    private String git(List<String> added, String... paths) throws IOException {
        if (!added.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("add", "-N", "--"));
            args.addAll(added);
            session.git(session.work, args.toArray(String[]::new));
        }
        List<String> args = new ArrayList<>(List.of("diff", "--no-color", "--no-ext-diff", synced, "--"));
        args.addAll(List.of(paths));
        return session.git(session.work, args.toArray(String[]::new));
    }

    @Test
    void aCleanWorktreeHasAnEmptyDiff() {
        assertThat(ours(session.work)).isEmpty();
    }

    @Test
    void modificationsMatchGitDiff() throws IOException {
        String calc = CALC.replace("return a - b;", "return a - b; // checked")
                .replace("return 3;", "return 3 + 0;")
                .replace("package demo;\n", "package demo;\n\nimport java.util.List;\n");
        session.write("src/Calc.java", calc);
        session.write("notes/no newline.txt", "last line, still without a newline");
        session.write("README.md", "# demo\n\nMore.\n");
        String ours = ours(session.work);
        assertThat(ours).contains("@@ -1,12 +1,14 @@\n", "@@ -24,6 +26,6 @@ class Helper {\n", "\\ No newline at end of file\n", "--- a/notes/no newline.txt\t\n");
        assertThat(ours).isEqualTo(git(List.of()));
    }

    @Test
    void additionsDeletionsAndModesMatchGitDiff() throws IOException {
        session.write("src/New.java", "class New {\n}\n");
        session.write("empty.txt", "");
        Files.createSymbolicLink(session.work.resolve("latest"), Path.of("src/New.java"));
        Files.delete(session.work.resolve("notes/gone.txt"));
        session.chmod("run.sh", "rwxr-xr-x");
        session.write("build.sh", "echo build fast\n");
        session.chmod("build.sh", "rwxr-xr-x");
        String ours = ours(session.work);
        assertThat(ours).contains("diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\ndiff --git")
                .contains("new file mode 120000\n").contains("deleted file mode 100644\n");
        assertThat(ours).isEqualTo(git(List.of("src/New.java", "empty.txt", "latest")));
    }

    @Test
    void aFileBecomingASymlinkIsADeletionAndACreationAsInGit() throws IOException {
        Files.delete(session.work.resolve("link-me.txt"));
        Files.createSymbolicLink(session.work.resolve("link-me.txt"), Path.of("README.md"));
        String ours = ours(session.work);
        assertThat(ours).startsWith("diff --git a/link-me.txt b/link-me.txt\ndeleted file mode 100644\n")
                .contains("\ndiff --git a/link-me.txt b/link-me.txt\nnew file mode 120000\n");
        assertThat(ours).isEqualTo(git(List.of()));
    }

    @Test
    void binaryFilesMatchGitDiff() throws IOException {
        session.write("data.bin", "\u0000\u0001\u0002 other binary\n");
        session.write("more.bin", "\u0000new");
        String ours = ours(session.work);
        assertThat(ours).contains("Binary files a/data.bin and b/data.bin differ\n")
                .contains("Binary files /dev/null and b/more.bin differ\n");
        assertThat(ours).isEqualTo(git(List.of("more.bin")));
    }

    @Test
    void namesGitQuotesMatchGitDiff() throws IOException {
        session.write("caf\u00e9.txt", "cr\u00e8me br\u00fbl\u00e9e\n");
        session.write("tab\there.txt", "tab\n");
        session.write("quote\"d.txt", "quote\n");
        String ours = ours(session.work);
        assertThat(ours).contains("diff --git \"a/caf\\303\\251.txt\" \"b/caf\\303\\251.txt\"\n")
                .contains("+++ \"b/tab\\there.txt\"\n");
        assertThat(ours).isEqualTo(git(List.of("tab\there.txt", "quote\"d.txt")));
    }

    @Test
    void colouredOutputMatchesGitsColours() throws IOException {
        session.write("src/Calc.java", CALC.replace("return a * b;", "return b * a;"));
        session.write("src/New.java", "class New {\n}\n");
        session.git(session.work, "add", "-N", "src/New.java");
        String git = session.git(session.work, "diff", "--color=always", "--no-ext-diff", synced);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (OpenWorktree wt = OpenWorktree.open(session.work);
                GitDiffWriter w = new GitDiffWriter(ours, wt.repo(), true)) {
            for (Change c : wt.changes(wt.base())) {
                w.write(c);
            }
        }
        assertThat(ours.toString(UTF_8)).contains("\033[36m@@ -10,7 +10,7 @@\033[m \033[mpublic class Calc {\033[m\n")
                .contains("\033[31m-        return a * b;\033[m\n").isEqualTo(git);
    }

    @Test
    void addedLinesWithTrailingSpaceAreMarkedInColour() throws IOException {
        session.write("README.md", "# demo  \n\n");
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (OpenWorktree wt = OpenWorktree.open(session.work);
                GitDiffWriter w = new GitDiffWriter(ours, wt.repo(), true)) {
            for (Change c : wt.changes(wt.base())) {
                w.write(c);
            }
        }
        assertThat(ours.toString(UTF_8)).contains("\033[32m+\033[m\033[32m# demo\033[m\033[41m  \033[m\n")
                .contains("\033[32m+\033[m\n");
    }

    @Test
    void pathsLimitTheDiff() throws IOException {
        session.write("src/Calc.java", CALC.replace("return 1;", "return 01;"));
        session.write("src/sub/Deep.java", "class Deep {}\n");
        session.write("README.md", "# changed\n");
        session.write("srcs.txt", "not in src\n");
        session.git(session.work, "add", "-N", "src/sub/Deep.java", "srcs.txt");

        assertThat(ours(session.work, "src")).isEqualTo(git(List.of(), "src"))
                .contains("a/src/Calc.java", "a/src/sub/Deep.java").doesNotContain("README", "srcs.txt");
        // From a subfolder, PATHs are relative to it; the diff's names stay relative to the root, as in git.
        Path src = session.work.resolve("src");
        assertThat(ours(src, ".")).isEqualTo(ours(session.work, "src"));
        assertThat(ours(src, "../README.md", "sub")).isEqualTo(git(List.of(), "README.md", "src/sub"));
        assertThat(ours(session.work, "src/Calc.java")).isEqualTo(git(List.of(), "src/Calc.java"));
        assertThat(ours(session.work, "no/such/path")).isEmpty();
        assertThat(ours(src, "..")).isEqualTo(ours(session.work));
    }

    @Test
    void ignoredFilesAreNotInTheDiff() throws IOException {
        session.write("out/App.class", "compiled\n");
        session.write(".gitignore", "out/\n*.tmp\n");
        assertThat(ours(session.work)).startsWith("diff --git a/.gitignore b/.gitignore\n").doesNotContain("out/App.class");
    }

    @Test
    void aPathOutsideTheWorktreeIsWrongUsage() throws IOException {
        session.write("README.md", "# changed\n");
        assertThat(run("diff", "-C", session.work.toString(), "..")).isEqualTo(129);
        assertThat(output.err()).startsWith("error: '..' is outside the worktree " + session.work + "\n")
                .contains("steadystate diff --help");
        assertThat(output.out()).isEmpty();
        assertThat(run("diff", "-C", session.work.resolve("src").toString(), "README.md", "/etc/passwd")).isEqualTo(129);
        assertThat(output.out()).isEmpty();
    }

    @Test
    void outsideAWorktreeItFails() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        assertThat(run("diff", "-C", elsewhere.toString())).isEqualTo(255);
        assertThat(output.err()).startsWith("error: " + elsewhere + " is not inside a SteadyState worktree");
        assertThat(output.out()).isEmpty();
    }

    @Test
    void baseOverridesAreTheBaseOfTheDiff() throws IOException {
        session.write("README.md", "# demo\nfrom the override\n");
        session.state(synced, List.of(), Map.of("README.md",
                new String[] {"file", session.blobId("# demo\nfrom the override\n")}));
        assertThat(ours(session.work)).isEmpty();
        session.write("README.md", "# demo\nfrom the override, then edited\n");
        assertThat(ours(session.work)).contains("-from the override\n+from the override, then edited\n")
                .contains("index " + session.blobId("# demo\nfrom the override\n").substring(0, 7) + "..");
    }
}
