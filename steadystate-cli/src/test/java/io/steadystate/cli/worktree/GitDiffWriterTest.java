package io.steadystate.cli.worktree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitDiffWriterTest {

    @Test
    void abbreviationsGrowWithTheObjectCountAsGitsDo() {
        assertThat(GitDiffWriter.abbreviationLength(0)).isEqualTo(7);
        assertThat(GitDiffWriter.abbreviationLength(16_383)).isEqualTo(7);
        assertThat(GitDiffWriter.abbreviationLength(16_384)).isEqualTo(8);
        assertThat(GitDiffWriter.abbreviationLength(65_535)).isEqualTo(8);
        assertThat(GitDiffWriter.abbreviationLength(65_536)).isEqualTo(9);
    }

    @Test
    void binaryMeansANulByteInTheFirst8000Bytes() {
        assertThat(GitDiffWriter.binary("text\n".getBytes(UTF_8))).isFalse();
        assertThat(GitDiffWriter.binary(new byte[0])).isFalse();
        assertThat(GitDiffWriter.binary("a\u0000b".getBytes(UTF_8))).isTrue();
        byte[] late = new byte[9000];
        java.util.Arrays.fill(late, (byte) 'x');
        late[8500] = 0;
        assertThat(GitDiffWriter.binary(late)).isFalse();
        late[7999] = 0;
        assertThat(GitDiffWriter.binary(late)).isTrue();
    }
}
