package io.steadystate.cli.worktree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConflictMarkersTest {

    private static boolean present(String s) {
        return ConflictMarkers.present(s.getBytes(UTF_8));
    }

    @Test
    void markersAtTheStartOfALineCount() {
        assertThat(present("<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n")).isTrue();
        assertThat(present("x\n<<<<<<< ours\n")).isTrue();
        assertThat(present("x\n>>>>>>> theirs")).isTrue();
    }

    @Test
    void anythingElseDoesNot() {
        assertThat(present("")).isFalse();
        assertThat(present("a\n=======\nb\n")).isFalse();
        assertThat(present("  <<<<<<< indented\n")).isFalse();
        assertThat(present("<<<<<<<no space\n")).isFalse();
        assertThat(present("text <<<<<<< inside\n")).isFalse();
        assertThat(present("<<<<<<")).isFalse();
    }
}
