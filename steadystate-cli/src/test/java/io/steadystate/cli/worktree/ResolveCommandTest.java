package io.steadystate.cli.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.cli.CapturedOutput;
import io.steadystate.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code steadystate resolve} after a real {@code steadystate sync} reported a binary conflict. */
class ResolveCommandTest {

    @TempDir
    Path tmp;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @Test
    void aBinaryConflictWaitsForAChoiceAndMineIsPushedNext() throws Exception {
        SessionFixture f = SessionFixture.create(tmp, Map.of("img.bin", "\0base", "a.txt", "a\n"));
        f.commitAs("alice", Map.of("img.bin", "\0alice"));
        f.write("img.bin", "\0carol");
        String work = f.work.toString();

        assertThat(Main.run("sync", "-C", work)).isEqualTo(1);
        assertThat(output.out()).contains("CONFLICT", "img.bin");
        output.reset();
        assertThat(Main.run("status", "-C", work)).isZero();
        assertThat(output.out()).contains("img.bin");
        output.reset();
        assertThat(Main.run("sync", "-C", work)).isEqualTo(1);
        assertThat(output.out()).contains("UNRESOLVED img.bin");
        assertThat(f.git(tmp, "--git-dir", f.canonical.toString(), "show", SessionFixture.BRANCH + ":img.bin")).isEqualTo("\0alice");

        output.reset();
        assertThat(Main.run("resolve", "-C", work, "--mine", "../elsewhere.bin")).isEqualTo(Main.EXIT_USAGE);
        assertThat(Main.run("resolve", "-C", tmp.toString(), "--mine", "img.bin")).isEqualTo(Main.EXIT_ERROR);
        assertThat(Main.run("resolve", "-C", work, "img.bin")).isEqualTo(Main.EXIT_USAGE);
        assertThat(Main.run("resolve", "-C", work, "--mine", "a.txt")).isEqualTo(Main.EXIT_ERROR);
        assertThat(output.err()).contains("no conflict is recorded at a.txt");
        assertThat(Main.run("resolve", "-C", work, "--mine", "img.bin")).isZero();
        assertThat(Main.run("sync", "-C", work)).isZero();
        assertThat(f.git(tmp, "--git-dir", f.canonical.toString(), "show", SessionFixture.BRANCH + ":img.bin")).isEqualTo("\0carol");
        assertThat(Files.readString(f.work.resolve("img.bin"))).isEqualTo("\0carol");
    }
}
