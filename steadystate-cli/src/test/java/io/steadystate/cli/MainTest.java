package io.steadystate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main#run(String...)} in this process: exit codes and output without starting a JVM per case. */
class MainTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();





    private String path(String name) {
        return dir.resolve(name).toString();
    }

    private void files(String base, String cur, String other) throws IOException {
        Files.writeString(dir.resolve("base.txt"), base);
        Files.writeString(dir.resolve("cur.txt"), cur);
        Files.writeString(dir.resolve("other.txt"), other);
    }

    @Test
    void aCommandLineNamingOneCommandRegistersOnlyThatOneAndHelpSeesThemAll() {
        assertThat(Main.commandsFor(new String[] {"sync", "--json"})).containsExactly(io.steadystate.cli.sync.SyncCommand.class);
        assertThat(Main.commandsFor(new String[] {"dash", "x"})).containsExactly(io.steadystate.cli.watch.DashboardCommand.class);
        assertThat(Main.commandsFor(new String[] {"help", "sync"})).hasSizeGreaterThan(10);
        assertThat(Main.commandsFor(new String[] {"--help"})).hasSizeGreaterThan(10);
        assertThat(Main.run(new String[] {"help", "merge-file"})).isZero();
        assertThat(output.out()).contains("CURRENT");
    }

    @Test
    void noCommandIsWrongUsage() {
        assertThat(Main.run(new String[0])).isEqualTo(Main.EXIT_USAGE);
        assertThat(output.err()).contains("a command is required");
    }

    @Test
    void mergeFileNeedsThreeFiles() {
        assertThat(Main.run("merge-file", "a")).isEqualTo(129);
        assertThat(output.err()).contains("expected CURRENT BASE OTHER, got 1 file(s)");
    }

    @Test
    void unknownOptionIsWrongUsage() {
        assertThat(Main.run("merge-file", "--nope", "a", "b", "c")).isEqualTo(129);
        assertThat(output.err()).contains("--nope");
    }

    @Test
    void cleanMergeInPlace() throws IOException {
        files("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n");
        assertThat(Main.run("merge-file", path("cur.txt"), path("base.txt"), path("other.txt"))).isZero();
        assertThat(Files.readString(dir.resolve("cur.txt"))).isEqualTo("A\nb\nC\n");
        assertThat(output.out()).isEmpty();
        assertThat(output.err()).isEmpty();
    }

    @Test
    void conflictToStdoutReturnsTheCount() throws IOException {
        files("v = 1;\n", "v = 2;\n", "v = 3;\n");
        int exit = Main.run("merge-file", "-p", "-L", "o", "-L", "b", "-L", "t", path("cur.txt"), path("base.txt"),
                path("other.txt"));
        assertThat(exit).isEqualTo(1);
        assertThat(output.out()).isEqualTo("<<<<<<< o\nv = 2;\n=======\nv = 3;\n>>>>>>> t\n");
        assertThat(output.err()).contains("1 conflict(s)");
        assertThat(Files.readString(dir.resolve("cur.txt"))).isEqualTo("v = 2;\n");
    }

    @Test
    void policiesAndStyles() throws IOException {
        files("v = 1;\n", "v = 2;\n", "v = 3;\n");
        String[] inputs = {path("cur.txt"), path("base.txt"), path("other.txt")};
        assertThat(Main.run(concat(new String[] {"merge-file", "-p", "--union"}, inputs))).isZero();
        assertThat(Main.run(concat(new String[] {"merge-file", "-p", "-q", "--diff3", "-L", "o", "-L", "b", "-L", "t"},
                inputs))).isEqualTo(1);
        assertThat(output.out()).isEqualTo("v = 2;\nv = 3;\n"
                + "<<<<<<< o\nv = 2;\n||||||| b\nv = 1;\n=======\nv = 3;\n>>>>>>> t\n");
        assertThat(output.err()).isEmpty();
    }

    @Test
    void missingInputIsAnError() throws IOException {
        files("a\n", "b\n", "c\n");
        assertThat(Main.run("merge-file", path("cur.txt"), path("gone.txt"), path("other.txt"))).isEqualTo(255);
        assertThat(output.err()).contains("gone.txt").contains("no such file");
        assertThat(Files.readString(dir.resolve("cur.txt"))).isEqualTo("b\n");
    }

    @Test
    void batchReportsEveryLine() throws IOException {
        files("a\nb\nc\n", "A\nb\nc\n", "a\nb\nC\n");
        Files.writeString(dir.resolve("list"), String.join("\t", path("cur.txt"), path("base.txt"), path("other.txt"),
                path("merged.txt")) + "\nbroken line\n");
        assertThat(Main.run("merge-file", "--batch", path("list"))).isZero();
        assertThat(output.out()).isEqualTo(path("merged.txt") + "\tclean\n"
                + "line 2\terror\texpected CURRENT<TAB>BASE<TAB>OTHER<TAB>OUTPUT[<TAB>PATH] on line 2\n"
                + "summary\tscenarios=2\tclean=1\tconflicted=0\terrors=1\n");
        assertThat(Files.readString(dir.resolve("merged.txt"))).isEqualTo("A\nb\nC\n");
        assertThat(Files.readString(dir.resolve("cur.txt"))).isEqualTo("A\nb\nc\n");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
