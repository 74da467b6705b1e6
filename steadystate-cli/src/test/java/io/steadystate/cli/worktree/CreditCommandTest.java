package io.steadystate.cli.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.cli.CapturedOutput;
import io.steadystate.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** steadystate credit: blame over the session branch with the worktree's unsynced lines on top. */
class CreditCommandTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    private SessionFixture session;
    private String first;
    private String second;

    /** alice writes three lines; bob changes the second and adds a fourth; carol's worktree is at bob's commit. */
    @BeforeEach
    void createSession() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("src/notes.txt", "one\ntwo\nthree\n");
        files.put("README.md", "# demo\n");
        files.put("data.bin", "\u0000binary\n");
        session = SessionFixture.create(tmp, files);
        first = session.head();
        second = session.commitAs("bob", Map.of("src/notes.txt", "one\nTWO\nthree\nfour\n"));
        session.git(session.work, "checkout", "-q", "--detach", second);
        session.state(second, java.util.List.of(), Map.of());
    }

    private int run(String... args) {
        output.reset();
        return Main.run(Map.of(), args);
    }

    private String credit(Path dir, String file) {
        assertThat(run("credit", "-C", dir.toString(), file)).as(output.err()).isEqualTo(0);
        assertThat(output.err()).isEmpty();
        return output.out();
    }

    @Test
    void showsTheAuthorOfEachLineAndTheLinesNotSynced() throws IOException {
        session.write("src/notes.txt", "one\nTWO\nthree, edited by carol\nfour\n");
        String a = first.substring(0, 7);
        String b = second.substring(0, 7);
        assertThat(credit(session.work, "src/notes.txt")).isEqualTo(
                a + "  alice  2024-05-01  1  one\n"
                + b + "  bob    2024-05-02  2  TWO\n"
                // "not synced" spans the commit, author and date columns: 7 + 2 + 5 + 2 + 10 wide.
                + "not synced" + " ".repeat(16) + "  3  three, edited by carol\n"
                + b + "  bob    2024-05-02  4  four\n");
    }

    @Test
    void aSyncedFileHasNoUnsyncedLines() {
        assertThat(credit(session.work, "src/notes.txt")).doesNotContain("not synced").contains("  bob    2024-05-02  4  four\n");
    }

    @Test
    void linesOthersChangedSinceTheLastSyncAreNotTheWorktrees() throws IOException {
        // dave changes line 1 on the branch after carol's last sync; carol's line 1 is still alice's.
        session.commitAs("dave", Map.of("src/notes.txt", "ONE\nTWO\nthree\nfour\n"));
        String out = credit(session.work, "src/notes.txt");
        assertThat(out).startsWith(first.substring(0, 7) + "  alice  2024-05-01  1  one\n")
                .doesNotContain("not synced").doesNotContain("dave");
    }

    @Test
    void worksFromASubfolderWithARelativePath() {
        assertThat(credit(session.work.resolve("src"), "notes.txt")).isEqualTo(credit(session.work, "src/notes.txt"));
        assertThat(credit(session.work.resolve("src"), "../README.md"))
                .isEqualTo(first.substring(0, 7) + "  alice  2024-05-01  1  # demo\n");
    }

    @Test
    void linesAddedAtTheEndAreNotSynced() throws IOException {
        session.write("README.md", "# demo\nmore\n");
        assertThat(credit(session.work, "README.md")).endsWith("\nnot synced" + " ".repeat(16) + "  2  more\n");
    }

    private void fails(int exit, Path dir, String file, String message) {
        assertThat(run("credit", "-C", dir.toString(), file)).isEqualTo(exit);
        assertThat(output.out()).isEmpty();
        assertThat(output.err()).startsWith("error: " + message);
    }

    @Test
    void errorsSayWhatIsWrong() throws IOException {
        fails(255, session.work, "missing.txt", "no such file: 'missing.txt'");
        Files.delete(session.work.resolve("README.md"));
        fails(255, session.work, "README.md", "'README.md' was deleted in this worktree since the last sync");
        session.write("new.txt", "not synced yet\n");
        fails(255, session.work, "new.txt", "'new.txt' is not tracked");
        fails(255, session.work, "src", "'src' is a folder; credit takes a file");
        fails(255, session.work, ".", "'.' is the worktree's top folder");
        fails(255, session.work, "data.bin", "'data.bin' is a binary file");
        Files.delete(session.work.resolve("src/notes.txt"));
        Files.createSymbolicLink(session.work.resolve("src/notes.txt"), Path.of("../README.md"));
        fails(255, session.work, "src/notes.txt", "'src/notes.txt' is not a regular file");
    }

    @Test
    void aFileOutsideTheWorktreeIsWrongUsage() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "x\n");
        fails(129, session.work, outside.toString(), "'" + outside + "' is outside the worktree");
        fails(129, session.work, "../../../../../outside.txt", "'../../../../../outside.txt' is outside the worktree");
    }

    @Test
    void outsideAWorktreeItFails() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        fails(255, elsewhere, "README.md", elsewhere + " is not inside a SteadyState worktree");
    }

    @Test
    void aMissingFileArgumentIsWrongUsage() {
        assertThat(run("credit", "-C", session.work.toString())).isEqualTo(129);
        assertThat(output.err()).contains("FILE");
    }
}
