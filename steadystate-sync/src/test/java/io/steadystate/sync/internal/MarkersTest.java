package io.steadystate.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkersTest {

    private static boolean present(String s) {
        return Markers.present(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMarkedConflictIsFound() {
        assertThat(present("<<<<<<< canonical\na\n||||||| base\nb\n=======\nc\n>>>>>>> yours\n")).isTrue();
        assertThat(present("x\n<<<<<<< canonical\na\n=======\nc\n>>>>>>> yours")).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(present("")).isFalse();
        assertThat(present("a\n=======\nb\n")).isFalse();
        assertThat(present("  <<<<<<< indented\n  >>>>>>> indented\n")).isFalse();
        assertThat(present("<<<<<<<no space\n>>>>>>>no space\n")).isFalse();
        assertThat(present("text <<<<<<< inside\n")).isFalse();
        assertThat(present(">>>>>>> before\n<<<<<<< after\n")).isFalse();
        assertThat(present("<<<<<<< only the start\n")).isFalse();
    }
}
