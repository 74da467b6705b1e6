package io.steadystate.cli.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ShellQuoteTest {

    private static final String LINK = "steadystate://collab/abcdefgh12345678?ssh=ssh%3A%2F%2Fsteady%40127.0.0.1%3A40022"
            + "&host_key=ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIOk";

    @Test
    void joinCommandPutsTheLinkInSingleQuotes() {
        assertThat(ShellQuote.joinCommand(LINK)).isEqualTo("steadystate join '" + LINK + "'");
    }

    @Test
    void embeddedSingleQuotesAreClosedEscapedAndReopened() {
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(ShellQuote.quote("''")).isEqualTo("''\\'''\\'''");
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.joinCommand("a b'c")).isEqualTo("steadystate join 'a b'\\''c'");
    }

    @Test
    void plainWordsStayAsTheyAre() {
        assertThat(ShellQuote.commandLine(List.of("ssh", "-p", "2222", "-o", "UserKnownHostsFile=\"/a b/k\"",
                "u@h", "$HOME", "a;b")))
                .isEqualTo("ssh -p 2222 -o 'UserKnownHostsFile=\"/a b/k\"' u@h '$HOME' 'a;b'");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aPosixShellReadsBackEveryWordUnchanged() throws IOException, InterruptedException {
        List<String> words = List.of(LINK, "it's", "two words", "$(touch pwned)", "`x`", "a\"b", "!x", "back\\slash",
                "new\nline", "*", "~", "");
        String script = "for a in " + ShellQuote.commandLine(words) + "; do printf '%s\\0' \"$a\"; done";
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(List.of(output.split("\0", -1)).subList(0, words.size())).isEqualTo(words);
        assertThat(Files.exists(Path.of("pwned"))).isFalse();
    }
}
