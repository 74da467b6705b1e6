package io.steadystate.cli.watch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFollowerTest {

    @TempDir
    Path dir;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void eachPollReturnsOnlyTheLinesAppendedSinceTheLastOne() throws IOException {
        Path log = dir.resolve("activity-log");
        append(log, "one\ntwo\n");
        LogFollower f = new LogFollower(log);
        assertThat(f.poll().lines()).containsExactly("one", "two");
        assertThat(f.poll().lines()).isEmpty();
        append(log, "three\n");
        assertThat(f.poll().lines()).containsExactly("three");
        assertThat(f.offset()).isEqualTo(Files.size(log));
    }

    @Test
    void bytesBeforeTheOffsetAreNotReadAgain() throws IOException {
        Path log = dir.resolve("log");
        append(log, "aaaa\n");
        LogFollower f = new LogFollower(log);
        f.poll();
        // Rewriting what was already read in place (same file, same size) is not seen: only appended bytes are read.
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
            raf.write("bbbb".getBytes(UTF_8));
        }
        append(log, "cccc\n");
        assertThat(f.poll().lines()).containsExactly("cccc");
    }

    @Test
    void aPartialLastLineIsHeldUntilItsNewLineArrives() throws IOException {
        Path log = dir.resolve("log");
        append(log, "first\n{\"time\":\"2025-");
        LogFollower f = new LogFollower(log);
        assertThat(f.poll().lines()).containsExactly("first");
        assertThat(f.pendingLine()).isEqualTo("{\"time\":\"2025-");
        append(log, "03-14\"}");
        assertThat(f.poll().lines()).isEmpty();
        append(log, "\nnext\n");
        assertThat(f.poll().lines()).containsExactly("{\"time\":\"2025-03-14\"}", "next");
        assertThat(f.pendingLine()).isEmpty();
    }

    @Test
    void aMultiByteCharacterSplitBetweenPollsIsKeptWhole() throws IOException {
        Path log = dir.resolve("log");
        byte[] word = "d\u00e9j\u00e0\n".getBytes(UTF_8);
        Files.write(log, java.util.Arrays.copyOf(word, 2)); // "d" and the first byte of "é"
        LogFollower f = new LogFollower(log);
        assertThat(f.poll().lines()).isEmpty();
        Files.write(log, java.util.Arrays.copyOfRange(word, 2, word.length), StandardOpenOption.APPEND);
        assertThat(f.poll().lines()).containsExactly("d\u00e9j\u00e0");
    }

    @Test
    void blankLinesAreSkippedAndCarriageReturnsDropped() throws IOException {
        Path log = dir.resolve("log");
        append(log, "a\r\n\n  \nb\n");
        assertThat(new LogFollower(log).poll().lines()).containsExactly("a", "b");
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsStart() throws IOException {
        Path log = dir.resolve("log");
        append(log, "one\ntwo\n");
        LogFollower f = new LogFollower(log);
        f.poll();
        Files.writeString(log, "new\n");
        LogFollower.Batch b = f.poll();
        assertThat(b.restarted()).isTrue();
        assertThat(b.lines()).containsExactly("new");
    }

    @Test
    void aReplacedFileIsReadAgainFromItsStart() throws IOException {
        Path log = dir.resolve("log");
        append(log, "one\n");
        LogFollower f = new LogFollower(log);
        f.poll();
        Path other = dir.resolve("log.new");
        Files.writeString(other, "uno\ndos\n");
        Files.move(other, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LogFollower.Batch b = f.poll();
        assertThat(b.restarted()).isTrue();
        assertThat(b.lines()).containsExactly("uno", "dos");
    }

    @Test
    void aMissingFileIsReportedAndFollowedOnceItAppears() throws IOException {
        Path log = dir.resolve("log");
        LogFollower f = new LogFollower(log);
        LogFollower.Batch b = f.poll();
        assertThat(b.missing()).isTrue();
        assertThat(b.lines()).isEmpty();
        append(log, "hello\n");
        b = f.poll();
        assertThat(b.missing()).isFalse();
        assertThat(b.lines()).containsExactly("hello");
    }

    @Test
    void aLineTooLongToBeAnEntryIsDroppedAndTheNextOnesStillRead() throws IOException {
        Path log = dir.resolve("log");
        LogFollower f = new LogFollower(log);
        append(log, "x".repeat(LogFollower.MAX_LINE_BYTES + 10));
        assertThat(f.poll().lines()).isEmpty();
        append(log, "xxx\nafter\n");
        LogFollower.Batch b = f.poll();
        assertThat(b.dropped()).isEqualTo(1);
        assertThat(b.lines()).containsExactly("after");
    }
}
