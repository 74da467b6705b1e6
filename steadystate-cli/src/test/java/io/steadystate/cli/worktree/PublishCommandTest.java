package io.steadystate.cli.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadystate.cli.CapturedOutput;
import io.steadystate.cli.Main;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code steadystate publish} where no session can push: it says so before it changes anything. */
class PublishCommandTest {

    @TempDir
    java.nio.file.Path tmp;

    @RegisterExtension
    final CapturedOutput output = new CapturedOutput();

    @Test
    void outsideASessionShellNothingIsSyncedOrPushed() throws Exception {
        SessionFixture f = SessionFixture.create(tmp, Map.of("a.txt", "a\n"));
        f.write("a.txt", "changed\n");
        String head = f.head();
        byte[] state = Files.readAllBytes(f.work.resolve(".steadystate/steadystate.json"));

        int exit = Main.run(Map.of(), "publish", "-C", f.work.toString());

        assertThat(exit).isEqualTo(Main.EXIT_AUTH);
        assertThat(output.err()).contains("steadystate join");
        assertThat(f.head()).isEqualTo(head);
        assertThat(Files.readAllBytes(f.work.resolve(".steadystate/steadystate.json"))).isEqualTo(state);
        assertThat(Files.readString(f.work.resolve("a.txt"))).isEqualTo("changed\n");
    }
}
