package io.steadystate.cli.worktree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GitQuoteTest {

    @Test
    void plainNamesAreNotQuoted() {
        assertThat(GitQuote.quote("a/", "src/Main.java", true)).isEqualTo("a/src/Main.java");
        assertThat(GitQuote.quote("a/", "with space.txt", true)).isEqualTo("a/with space.txt");
    }

    @Test
    void specialBytesAreEscapedAsGitDoes() {
        assertThat(GitQuote.quote("a/", "caf\u00e9", true)).isEqualTo("\"a/caf\\303\\251\"");
        assertThat(GitQuote.quote("b/", "tab\there", true)).isEqualTo("\"b/tab\\there\"");
        assertThat(GitQuote.quote("", "q\"b\\", true)).isEqualTo("\"q\\\"b\\\\\"");
        assertThat(GitQuote.quote("", "nl\nbell\u0007del\u007f", true)).isEqualTo("\"nl\\nbell\\adel\\177\"");
    }

    @Test
    void withoutQuoteHighNonAsciiStaysReadable() {
        assertThat(GitQuote.quote("", "caf\u00e9", false)).isEqualTo("caf\u00e9");
        assertThat(GitQuote.quote("", "caf\u00e9\tx", false)).isEqualTo("\"caf\u00e9\\tx\"");
    }
}
