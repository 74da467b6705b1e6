package io.steadystate.cli.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

    @Test
    void colourOnATerminalUnlessNoColorOrDumb() {
        assertThat(Terminal.colour(Map.of(), true)).isTrue();
        assertThat(Terminal.colour(Map.of("TERM", "xterm-256color"), true)).isTrue();
        assertThat(Terminal.colour(Map.of(), false)).isFalse();
        assertThat(Terminal.colour(Map.of("NO_COLOR", "1"), true)).isFalse();
        assertThat(Terminal.colour(Map.of("NO_COLOR", "anything"), true)).isFalse();
        assertThat(Terminal.colour(Map.of("TERM", "dumb"), true)).isFalse();
        // no-color.org: an empty NO_COLOR does not count.
        assertThat(Terminal.colour(Map.of("NO_COLOR", ""), true)).isTrue();
    }

    @Test
    void testsDoNotRunOnATerminal() {
        // The forked test JVM's output is a pipe; the commands under test must see that.
        assertThat(Terminal.stdoutIsTerminal()).isFalse();
    }
}
