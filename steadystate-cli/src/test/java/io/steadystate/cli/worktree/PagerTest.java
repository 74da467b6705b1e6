package io.steadystate.cli.worktree;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagerTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    private PrintStream stdout() {
        return new PrintStream(stdout, true, UTF_8);
    }

    @Test
    void thePagerCommandComesFromPager() {
        assertThat(Pager.command(Map.of())).containsExactly("less", "-FRX");
        assertThat(Pager.command(Map.of("PAGER", "more"))).containsExactly("more");
        assertThat(Pager.command(Map.of("PAGER", "  less  -R -S "))).containsExactly("less", "-R", "-S");
        assertThat(Pager.command(Map.of("PAGER", "cat"))).isEmpty();
        assertThat(Pager.command(Map.of("PAGER", ""))).isEmpty();
    }

    @Test
    void notOnATerminalOutputGoesStraightToStdout() throws IOException {
        Path file = tmp.resolve("paged");
        try (Pager p = Pager.open(Map.of("PAGER", "dd of=" + file + " status=none"), false, stdout())) {
            assertThat(p.paging()).isFalse();
            p.stream().write("plain\n".getBytes(UTF_8));
        }
        assertThat(stdout.toString(UTF_8)).isEqualTo("plain\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void onATerminalOutputGoesThroughThePager() throws IOException {
        Path file = tmp.resolve("paged");
        try (Pager p = Pager.open(Map.of("PAGER", "dd of=" + file + " status=none"), true, stdout())) {
            assertThat(p.paging()).isTrue();
            p.stream().write("through the pager\n".getBytes(UTF_8));
        }
        // close() waited for the pager, so what it wrote is complete.
        assertThat(file).hasContent("through the pager");
        assertThat(stdout.toString(UTF_8)).isEmpty();
    }

    @Test
    void aPagerThatCannotStartFallsBackToPlainOutput() throws IOException {
        try (Pager p = Pager.open(Map.of("PAGER", tmp.resolve("no-such-pager").toString()), true, stdout())) {
            assertThat(p.paging()).isFalse();
            p.stream().write("plain after all\n".getBytes(UTF_8));
        }
        assertThat(stdout.toString(UTF_8)).isEqualTo("plain after all\n");
    }

    @Test
    void aPagerQuitEarlyStopsTheOutputQuietly() throws IOException {
        Path file = tmp.resolve("first");
        // dd reads one block and quits, like a user leaving less after the first screen.
        try (Pager p = Pager.open(Map.of("PAGER", "dd of=" + file + " bs=4 count=1 status=none"), true, stdout())) {
            byte[] line = "0123456789\n".getBytes(UTF_8);
            for (int i = 0; i < 20_000; i++) {
                p.stream().write(line);
            }
        }
        assertThat(Files.readString(file)).isEqualTo("0123");
    }

    @Test
    void catMeansNoPager() throws IOException {
        try (Pager p = Pager.open(Map.of("PAGER", "cat"), true, stdout())) {
            assertThat(p.paging()).isFalse();
            p.stream().write(List.of("x").get(0).getBytes(UTF_8));
        }
        assertThat(stdout.toString(UTF_8)).isEqualTo("x");
    }
}
